"""The demo reports' contribution records and their answers, built from data (demo/contributions.yaml and the label
room's own file): a few contributions written out and answered one by one, and many more put together from lists of
places, problems and proposals in each channel's own phrasing, each given the shared answer of its subject.

Everything is derived, never drawn at random: how many records each channel gets comes from the report's typed figures
and from each event's count of contributions (what an event did not collect was sent by letter or e-mail), so the
records and the figures agree; each generated text is a distinct combination of its lists, chosen by a fixed stride so
that neighbouring records differ in every part. Running the builder twice leaves the same records (compared field by
field, written with one bulk query per kind of change).
"""

import datetime
import math

from django.utils import formats, translation
from taggit.models import Tag

from consultations.models import Contribution, SharedAnswer
from site_core import demo

CORE_DATA = demo.data_file(__file__, "contributions.yaml")

FIELDS = [
    "channel",
    "event_id",
    "submitted_on",
    "title",
    "body",
    "is_summary",
    "language",
    "theme_id",
    "decidim_url",
    "author_name",
    "author_consents_to_name",
    "decision",
    "reason",
    "shared_answer_id",
    "answered_on",
]


def phrasing():
    """Each channel's ways of opening, asking and closing, shared by every demo consultation."""
    return demo.load_data(CORE_DATA)["phrasing"]


def build_contributions(page, report, spec, phrasing, answered_on):
    """Create or bring up to date the contribution records and shared answers of `page` (whose report is `report`)
    from `spec`, answered on the day `answered_on`; returns the number of records."""
    texts = {"study_until": month_and_year(spec["study_until_in_days"])}
    themes = {tag.name: tag for tag in Tag.objects.filter(name__in=themes_used(spec))}
    answers = sync_shared_answers(page, spec["subjects"], texts)
    events = {event.title: event for event in page.events.all()}
    slots = channel_slots(page, report, events)
    wanted = featured_rows(spec, slots, themes, answers, texts)
    wanted += generated_rows(spec, slots, themes, answers, phrasing)
    numbering = Numbering(spec)
    for row in wanted:
        row.setdefault("reference", numbering.next(row["channel"]))
        row["answered_on"] = answered_on if row["decision"] else None
        if row["channel"] == Contribution.ONLINE and spec.get("decidim_proposals"):
            row["decidim_url"] = spec["decidim_proposals"] + row["reference"].rsplit("-", 1)[1]
    check_distinct(page, wanted)
    sync_records(page, wanted)
    SharedAnswer.objects.filter(consultation=page).exclude(pk__in=[answer.pk for answer in answers.values()]).delete()
    return len(wanted)


def themes_used(spec):
    return {subject["theme"] for subject in spec["subjects"]} | {row["theme"] for row in spec["featured"]}


def month_and_year(offset):
    """The month `offset` days from today, in French ("mars 2027"): the demo's dates move with the day it is seeded."""
    with translation.override("fr"):
        return formats.date_format(demo.day(offset), "F Y")


def sync_shared_answers(page, subjects, texts):
    answers = {}
    for subject in subjects:
        answer, _created = SharedAnswer.objects.get_or_create(
            consultation=page, title=subject["title"], defaults={"text": subject["answer"].format(**texts)}
        )
        if answer.text != subject["answer"].format(**texts):
            answer.text = subject["answer"].format(**texts)
            answer.save(update_fields=["text"])
        answers[subject["title"]] = answer
    return answers


def channel_slots(page, report, events):
    """The channels (with their event and date range) and how many records each holds: online, the report's figure;
    at each event held, its own count; by letter or e-mail, the rest of the report's offline figure."""
    phases = [phase for phase in page.phases.all() if phase.is_participation]
    first, last = min(phase.start_date for phase in phases), max(phase.end_date for phase in phases)
    online = report.contributions_online
    slots = [{"channel": Contribution.ONLINE, "event": None, "days": (first, last), "count": online}]
    at_events = 0
    for event in sorted(events.values(), key=lambda event: event.start):
        if event.contributions_count:
            day = event.start.date()
            count = event.contributions_count
            slots.append({"channel": Contribution.IN_PERSON, "event": event, "days": (day, day), "count": count})
            at_events += event.contributions_count
    written = report.contributions_in_person - at_events
    if written < 0:
        raise demo.DemoDataError(f"{page.slug}: its events count more contributions than its report's offline figure.")
    slots.append({"channel": Contribution.WRITTEN, "event": None, "days": (first, last), "count": written})
    return slots


def take_slot(slots, channel, event_title=None):
    """Take one place in the slot of `channel` (at the event `event_title`, for a contribution made in person)."""
    for slot in slots:
        if slot["channel"] == channel and (event_title is None or slot["event"].title == event_title):
            if slot["count"] == 0:
                break
            slot["count"] -= 1
            return slot
    raise demo.DemoDataError(f"No room left for one more contribution {channel} {event_title or ''}".strip() + ".")


def featured_rows(spec, slots, themes, answers, texts):
    """The contributions written out in the data, each with its own answer (or its subject's shared answer)."""
    rows = []
    for entry in spec["featured"]:
        slot = take_slot(slots, entry["channel"], entry.get("event"))
        author = entry.get("author", "")
        row = {
            "channel": entry["channel"],
            "event_id": slot["event"].pk if slot["event"] else None,
            "submitted_on": demo.day(entry["day"]) if "day" in entry else slot["days"][0],
            "title": entry["title"],
            "body": entry["body"].strip(),
            "is_summary": entry["channel"] != Contribution.ONLINE,
            "language": entry.get("language", "fr"),
            "theme_id": themes[entry["theme"]].pk,
            "decidim_url": "",
            "author_name": author,
            "author_consents_to_name": bool(author),
            "decision": entry["decision"],
            "reason": entry.get("reason", "").format(**texts).strip(),
            "shared_answer_id": answers[entry["subject"]].pk if "subject" in entry else None,
        }
        if "reference" in entry:
            row["reference"] = entry["reference"]
        rows.append(row)
    return rows


def spread(weights, total):
    """`total` positions given to the keys of `weights` in proportion, interleaved (smooth weighted round robin)."""
    credit = dict.fromkeys(weights, 0)
    whole = sum(weights.values())
    order = []
    for _position in range(total):
        for key, weight in weights.items():
            credit[key] += weight
        chosen = max(credit, key=lambda key: credit[key])
        credit[chosen] -= whole
        order.append(chosen)
    return order


def stride_for(size):
    """A step coprime with `size`, near its golden section: successive picks land far apart."""
    step = max(1, round(size * 0.618))
    while math.gcd(step, size) != 1:
        step += 1
    return step


def pick(lists, number):
    """The `number`-th combination of one item from each of `lists`, in a fixed order that visits them all."""
    size = math.prod(len(items) for items in lists)
    index = (number * stride_for(size) + 7) % size
    chosen = []
    for items in lists:
        index, position = divmod(index, len(items))
        chosen.append(items[position])
    return chosen, size


def generated_rows(spec, slots, themes, answers, phrasing):
    """The other contributions: each channel's places spread over the subjects by their weights, each text a
    combination no other record of the consultation has."""
    subjects = {subject["title"]: subject for subject in spec["subjects"]}
    places = spec["places"]
    rows, used = [], {}
    order = spread({title: subject["weight"] for title, subject in subjects.items()}, sum(s["count"] for s in slots))
    position = 0
    for slot in slots:
        channel = slot["channel"]
        if not slot["count"]:
            continue
        words = {"openings": spec["openings"][channel], **phrasing[channel]}
        first, last = slot["days"]
        span = (last - first).days
        for number in range(slot["count"]):
            subject = subjects[order[position]]
            position += 1
            key = (subject["title"], channel)
            count = used[key] = used.get(key, -1) + 1
            lists = [words["openings"], places[subject["places"]], subject["problems"], subject["asks"]]
            lists += [words["asks"], words["closings"]]
            (opening, place, problem, ask, lead, closing), size = pick(lists, count)
            if count >= size:
                raise demo.DemoDataError(f"{spec['prefix']}: too few words for the texts on {key}.")
            title = subject["titles"][count % len(subject["titles"])]
            name, where = place
            sentences = [opening.format(where=where), problem, lead.format(ask=ask), closing]
            rows.append(
                {
                    "channel": channel,
                    "event_id": slot["event"].pk if slot["event"] else None,
                    "submitted_on": first + datetime.timedelta(days=number * 7919 % (span + 1)),
                    "title": f"{title} – {name}",
                    "body": " ".join(sentence for sentence in sentences if sentence),
                    "is_summary": channel != Contribution.ONLINE,
                    "language": "fr",
                    "theme_id": themes[subject["theme"]].pk,
                    "decidim_url": "",
                    "author_name": "",
                    "author_consents_to_name": False,
                    "decision": subject["decision"],
                    "reason": "",
                    "shared_answer_id": answers[subject["title"]].pk,
                }
            )
    return rows


class Numbering:
    """References: online ones, Decidim's when the proposals came from the platform (`decidim_prefix` then its
    number), the others `<prefix>-0001` onwards, skipping those the data gives."""

    def __init__(self, spec):
        self.prefix, self.decidim = spec["prefix"], spec.get("decidim_prefix")
        self.taken = {row["reference"] for row in spec["featured"] if "reference" in row}
        self.counters = {"decidim": spec.get("first_decidim_number", 1) - 1, "own": 0}

    def next(self, channel):
        kind = "decidim" if self.decidim and channel == Contribution.ONLINE else "own"
        while True:
            self.counters[kind] += 1
            number = self.counters[kind]
            reference = f"{self.decidim}-{number}" if kind == "decidim" else f"{self.prefix}-{number:04d}"
            if reference not in self.taken:
                self.taken.add(reference)
                return reference


def check_distinct(page, rows):
    """No two records of a consultation share a text or a reference: a data edit that would repeat one stops here."""
    for field in ("reference", "body"):
        seen = set()
        for row in rows:
            if row[field] in seen:
                raise demo.DemoDataError(f"{page.slug}: two contributions have the same {field}: {row[field]!r}.")
            seen.add(row[field])


def sync_records(page, rows):
    """Make the consultation's records exactly `rows`: delete the others, create the missing, update the changed."""
    current = {record.reference: record for record in Contribution.objects.filter(consultation=page)}
    wanted = {row["reference"]: row for row in rows}
    Contribution.objects.filter(consultation=page).exclude(reference__in=wanted).delete()
    created, changed = [], []
    for reference, row in wanted.items():
        record = current.get(reference)
        if record is None:
            created.append(Contribution(consultation=page, **row))
        elif any(getattr(record, name) != row[name] for name in FIELDS):
            for name in FIELDS:
                setattr(record, name, row[name])
            changed.append(record)
    Contribution.objects.bulk_create(created, batch_size=500)
    Contribution.objects.bulk_update(changed, FIELDS, batch_size=500)
