"""The proposals of a Decidim process as contribution records: created on the first import, brought up to date by the
next ones, field by field, without ever overwriting what an editor changed since (a title made readable, a reason
rewritten, a decision taken in the report rather than on the platform). Written in bulk: a few queries, whatever the
number of proposals."""

import hashlib

from django.utils import timezone

from consultations.decidim.models import ImportedProposal
from consultations.models.contribution import Contribution

# What an editor may rewrite and an import then leaves alone; each one carries its companions along.
EDITABLE = ("title", "body", "decision", "reason")
COMPANIONS = {"body": ("language",), "decision": ("answered_on",)}
# What follows Decidim on every import (the reference is the contribution's address: it never changes).
FOLLOWED = ("channel", "submitted_on", "decidim_url")
# A field adopted from a contribution typed before the import: never equal to an imported value's fingerprint.
NOT_IMPORTED = "-"


def fingerprint(value):
    text = "" if value is None else str(value)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def reason_owed(contribution):
    """The database's rule (contribution_reason_unless_kept): a decision but "kept" needs a reason or a shared
    answer."""
    return (
        contribution.decision not in ("", Contribution.KEPT)
        and not contribution.reason.strip()
        and contribution.shared_answer_id is None
    )


def merge(contribution, values, imported):
    """Bring `contribution` to `values` where the editor left it as the last import wrote it. Returns (changed
    field names, fields kept as the editor wrote them) and updates the fingerprints in `imported`."""
    changed, kept = set(), []
    before = {name: getattr(contribution, name) for name in (*EDITABLE, "answered_on")}
    previous = dict(imported)
    for name in EDITABLE:
        current, new = getattr(contribution, name), values[name]
        if current == new:
            imported[name] = fingerprint(new)  # the editor's value and Decidim's agree (again)
        elif imported.get(name) == fingerprint(current):
            for field_name in (name, *COMPANIONS.get(name, ())):
                setattr(contribution, field_name, values[field_name])
                changed.add(field_name)
            imported[name] = fingerprint(new)
        else:
            kept.append(name)
    for name in ("reason", "decision"):
        if reason_owed(contribution) and name in changed:
            # Decidim's change would leave a decision without its reason (the database refuses it): hold it back,
            # with the fingerprint of before, so that a later import brings it once the reason is there.
            for field_name in (name, *COMPANIONS.get(name, ())):
                setattr(contribution, field_name, before[field_name])
                changed.discard(field_name)
            imported[name] = previous.get(name)
            kept.append(name)
    for name in FOLLOWED:
        if getattr(contribution, name) != values[name]:
            setattr(contribution, name, values[name])
            changed.add(name)
    return changed, kept


def adopt(contribution, values):
    """A contribution typed before the first import with the proposal's reference (from a spreadsheet, say):
    linked, and only its empty fields filled; what it holds counts as the editor's."""
    imported, changed = {}, set()
    for name in EDITABLE:
        if getattr(contribution, name) in ("", None) and values[name] not in ("", None):
            for field_name in (name, *COMPANIONS.get(name, ())):
                setattr(contribution, field_name, values[field_name])
                changed.add(field_name)
            imported[name] = fingerprint(values[name])
        else:
            imported[name] = NOT_IMPORTED
    if reason_owed(contribution):
        contribution.decision, contribution.answered_on = "", None
        changed -= {"decision", "answered_on"}
        imported["decision"] = NOT_IMPORTED
    if not contribution.decidim_url:
        contribution.decidim_url = values["decidim_url"]
        changed.add("decidim_url")
    return changed, imported


def sync_contributions(consultation, proposals, summary, confirm_removal):
    """Create or update the contribution record of each proposal in `proposals` (rows.ProposalRow); the proposals
    gone from the export (or since withdrawn) are listed, and removed with their contributions only when the
    editor confirmed it (`confirm_removal`)."""
    known = {
        record.decidim_id: record
        for record in ImportedProposal.objects.filter(consultation=consultation).select_related("contribution")
    }
    others = {
        contribution.reference: contribution
        for contribution in Contribution.objects.filter(consultation=consultation).select_related("decidim_proposal")
    }
    new_records, old_records, new_contributions, changed_contributions = [], [], [], {}
    changed_fields = set()
    for proposal in proposals:
        values = proposal.values
        reference = values["reference"]
        record = known.pop(proposal.decidim_id, None)
        if record is None:
            record = ImportedProposal(consultation=consultation, decidim_id=proposal.decidim_id)
            new_records.append(record)
        else:
            old_records.append(record)
        record.reference, record.title, record.state = reference[:120], values["title"], proposal.state
        summary.undecided += [(reference, state) for state in proposal.notes]
        contribution = record.contribution
        if contribution is None and record.imported:
            summary.deleted_by_editor.append(reference)  # imported before, then deleted by an editor: not again
            continue
        if contribution is None:
            existing = others.get(reference)
            if existing is not None and getattr(existing, "decidim_proposal", None) is not None:
                summary.reference_taken.append(reference)  # another proposal's contribution holds it
                continue
            if existing is not None:
                changed, record.imported = adopt(existing, values)
                record.contribution = existing
                summary.contributions_linked.append(reference)
                if changed:
                    changed_contributions[existing.pk] = existing
                    changed_fields |= changed
                continue
            contribution = Contribution(consultation=consultation, **values)
            record.contribution = contribution
            record.imported = {name: fingerprint(values[name]) for name in EDITABLE}
            new_contributions.append(contribution)
            summary.contributions_added.append(reference)
            continue
        changed, kept = merge(contribution, values, record.imported)
        if changed:
            changed_contributions[contribution.pk] = contribution
            changed_fields |= changed
            summary.contributions_updated.append(reference)
        else:
            summary.contributions_unchanged += 1
        if kept:
            summary.contributions_kept.append((reference, kept))

    Contribution.objects.bulk_create(new_contributions)
    for record in new_records + old_records:
        if record.contribution is not None:
            record.contribution_id = record.contribution.pk  # the pk bulk_create just gave
    ImportedProposal.objects.bulk_create(new_records)
    ImportedProposal.objects.bulk_update(old_records, ["reference", "title", "state", "contribution", "imported"])
    if changed_contributions:
        now = timezone.now()
        for contribution in changed_contributions.values():
            contribution.updated_at = now  # bulk_update does not touch auto_now fields
        Contribution.objects.bulk_update(changed_contributions.values(), [*sorted(changed_fields), "updated_at"])

    gone = sorted(known.values(), key=lambda record: record.reference or record.decidim_id)
    summary.proposals_gone = [(record.reference or record.decidim_id, record.title) for record in gone]
    summary.contributions_gone = [record.contribution.reference for record in gone if record.contribution]
    if gone and confirm_removal:
        Contribution.objects.filter(
            pk__in=[record.contribution_id for record in gone if record.contribution_id]
        ).delete()
        ImportedProposal.objects.filter(pk__in=[record.pk for record in gone]).delete()
        summary.removed = True
