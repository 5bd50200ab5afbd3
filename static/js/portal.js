// Site-wide: on a phone, a wide table reads as stacked rows. Each cell gets its column's heading as a label
// (CSS shows it before the value below 640 px); a cell of several parts (a name, a line break, a note) is wrapped
// in one box so the parts stay together beside the label. Without the script the table scrolls inside its own box.
(function () {
  "use strict";
  document.querySelectorAll(".table-scroll > table").forEach(function (table) {
    var headings = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
    if (!headings.length) { return; }
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        if (headings[column] && !cell.hasAttribute("data-label")) { cell.setAttribute("data-label", headings[column]); }
        var parts = Array.prototype.filter.call(cell.childNodes, function (node) {
          return node.nodeType === 1 || (node.nodeType === 3 && node.textContent.trim());
        });
        if (parts.length > 1) {
          var value = document.createElement("div");
          value.className = "cell-value";
          while (cell.firstChild) { value.appendChild(cell.firstChild); }
          cell.appendChild(value);
        }
        column += cell.colSpan || 1;
      });
    });
    table.classList.add("stacks");
  });
})();

// Site-wide: a file field's button and "no file chosen" in the page's language (the browser's own speak the browser's).
// The native input stays, visually hidden but focusable; without the script it shows as it is.
(function () {
  "use strict";
  document.querySelectorAll(".file-picker").forEach(function (picker) {
    var input = picker.querySelector("input[type=file]");
    var button = picker.querySelector(".file-button");
    var chosen = picker.querySelector(".file-chosen");
    if (!input || !button || !chosen) { return; }
    var none = chosen.textContent;
    picker.classList.add("enhanced");
    button.hidden = false;
    chosen.hidden = false;
    button.addEventListener("click", function () { input.click(); });
    input.addEventListener("change", function () {
      var names = Array.prototype.map.call(input.files, function (file) { return file.name; });
      chosen.textContent = names.length ? names.join(", ") : none;
    });
  });
})();
