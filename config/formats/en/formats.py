"""English as read in Azerbaijan: day before month, as the Azerbaijani and Russian pages and the letters write it
(Django's English default, 12/06/2026, reads as 12 June here). The long formats stay Django's ("Dec. 6, 2026")."""

SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
