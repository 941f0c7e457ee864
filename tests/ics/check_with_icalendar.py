"""Parses Rapport's .ics output with the PyPI `icalendar` library, an independent parser.

Usage: python3 tests/ics/check_with_icalendar.py FILE.ics
"""
import sys

from icalendar import Calendar

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAILED: {what}")


raw = open(sys.argv[1], "rb").read()
check(raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), "CRLF line ends only")
check(all(len(line) <= 75 for line in raw.split(b"\r\n")), "every line at most 75 octets")
cal = Calendar.from_ical(raw)
events = list(cal.walk("VEVENT"))
check(len(events) > 0, "at least one event")
for event in events:
    uid = str(event.get("UID", ""))
    check(uid.endswith("@rapport.invalid"), f"UID {uid}")
    check(event.get("DTSTAMP") is not None, f"DTSTAMP on {uid}")
    start = event.decoded("DTSTART")
    if hasattr(start, "tzinfo"):
        check(start.tzinfo is not None and start.utcoffset().total_seconds() == 0, f"UTC start on {uid}")
    check(len(list(event.walk("VALARM"))) == 1, f"one alarm on {uid}")
    check(bool(str(event.get("SUMMARY", ""))), f"summary on {uid}")
meetings = [e for e in events if str(e.get("UID")).endswith("-meeting@rapport.invalid")]
check(len(meetings) > 0, "the sample has upcoming meetings")
for m in meetings:
    check("Questions:" in str(m.get("DESCRIPTION", "")) or "Agenda:" in str(m.get("DESCRIPTION", "")), "prep in the description")
print(f"ics: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
