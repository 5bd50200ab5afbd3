"""English as read in Azerbaijan: day before month and a 24-hour clock, as the Azerbaijani and Russian pages and
the letters write it. Django's English defaults read "12/06/2026" (12 June here) and "Dec. 17, 2026, 11:59 p.m.",
whose "p.m." also ended sentences with two full stops."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
