"""Server-drawn bar charts (no script): rows of label, value and the bar's share of the largest."""


def bar_rows(rows, label_key="label", value_key="count"):
    """Rows for templates/core/_bar_chart.html: label, value, the bar's share of the largest (0–100)."""
    largest = max((row[value_key] or 0 for row in rows), default=0) or 1
    return [{"label": row[label_key], "value": row[value_key], "share": round(100 * (row[value_key] or 0) / largest, 1)}
            for row in rows]
