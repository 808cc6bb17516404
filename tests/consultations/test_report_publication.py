"""Publishing a report: refused while a contribution has no decision, unless the editor ticks "publish as partial";
drafts and autosave always save; a partial report says so. The admin answers contributions one by one."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType, WorkflowTask
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from consultations.models import ConsultationReportPage, Contribution
from tests.factories import ConsultationPageFactory, ContributionFactory, SharedAnswerFactory
from tests.utils import visible_text

REFUSED = "contributions n'ont pas de décision : répondez-y, ou cochez « publier comme bilan partiel »."


def report_form(**overrides):
    data = {
        "title": "Bilan",
        "slug": "bilan",
        "project_reminder": rich_text("<p>Le projet.</p>"),
        "organisation": rich_text("<p>En ligne et en réunion.</p>"),
        "participants_online": "120",
        "participants_in_person": "40",
        "contributions_online": "3",
        "contributions_in_person": "0",
        "events_held": "3",
        "total_attendance": "90",
        "heard": rich_text("<p>Ce qui a été dit.</p>"),
        "delivered_impact": rich_text("<p>Ce qui a changé.</p>"),
        "next_steps": inline_formset([]),
        "annexes": streamfield([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(consultation):
    return f"/admin/pages/add/consultations/consultationreportpage/{consultation.pk}/"


@pytest.fixture
def consultation(index_page):
    page = ConsultationPageFactory(
        parent=index_page, slug="velo", phases=[(datetime.date(2026, 1, 1), datetime.date(2026, 2, 1))]
    )
    ContributionFactory(consultation=page, decision=Contribution.KEPT)
    ContributionFactory(
        consultation=page, decision=Contribution.UNDER_STUDY, reason="Une étude de trafic est en cours."
    )
    ContributionFactory.create_batch(12, consultation=page)  # no decision yet
    return page


def test_publishing_is_refused_while_contributions_have_no_decision(admin_client, consultation):
    response = admin_client.post(add_url(consultation), report_form(**{"action-publish": "publish"}))
    assert response.status_code == 200
    assert f"12 {REFUSED}" in visible_text(response)
    assert not ConsultationReportPage.objects.exists()


def test_a_draft_saves_whatever_is_unanswered(admin_client, consultation):
    response = admin_client.post(add_url(consultation), report_form())
    assert response.status_code == 302
    report = ConsultationReportPage.objects.get()
    assert not report.live
    # Autosave (Wagtail 7's background save of the edit form) answers JSON and never refuses on the rule.
    response = admin_client.post(
        f"/admin/pages/{report.pk}/edit/",
        {
            **report_form(title="Bilan provisoire"),
            "loaded_revision_id": report.latest_revision_id,
            "loaded_revision_created_at": report.latest_revision.created_at.isoformat(),
        },
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["success"] is True
    report.refresh_from_db()
    assert report.get_latest_revision_as_object().title == "Bilan provisoire" and not report.live


def test_publish_as_partial_publishes_and_the_page_says_so(admin_client, client, consultation):
    data = report_form(**{"action-publish": "publish", "published_as_partial": "on"})
    assert admin_client.post(add_url(consultation), data).status_code == 302
    report = ConsultationReportPage.objects.get()
    assert report.live and report.published_as_partial
    text = visible_text(client.get(report.url))
    assert "Bilan partiel : 1 contribution sur 14 a reçu sa réponse à ce jour." in text
    assert "Encore à l’étude : 1" in text and "Sans décision pour l'instant : 12" in text


def test_once_every_contribution_is_answered_publishing_works(admin_client, client, consultation):
    answer = SharedAnswerFactory(consultation=consultation)
    Contribution.objects.filter(decision="").update(decision=Contribution.NOT_KEPT, shared_answer=answer)
    assert admin_client.post(add_url(consultation), report_form(**{"action-publish": "publish"})).status_code == 302
    report = ConsultationReportPage.objects.get()
    assert report.live and not report.published_as_partial
    assert "Bilan partiel" not in visible_text(client.get(report.url))


def test_a_scheduled_publication_is_checked_when_scheduled(admin_client, consultation):
    """Scheduling is the publish action with a date to come: refused on the same rule; once allowed, the command
    that publishes scheduled pages makes it live."""
    later = (timezone.localtime() + datetime.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
    data = report_form(**{"action-publish": "publish", "go_live_at": later})
    response = admin_client.post(add_url(consultation), data)
    assert response.status_code == 200 and f"12 {REFUSED}" in visible_text(response)
    data = report_form(**{"action-publish": "publish", "go_live_at": later, "published_as_partial": "on"})
    assert admin_client.post(add_url(consultation), data).status_code == 302
    report = ConsultationReportPage.objects.get()
    assert not report.live
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=3)):
        call_command("publish_scheduled")
    report.refresh_from_db()
    assert report.live and report.published_as_partial


def test_submitting_for_moderation_is_checked_as_publishing(admin_client, consultation):
    """A workflow's approval publishes what was submitted: the rule is checked when it is submitted."""
    workflow = Workflow.objects.create(name="Relecture des bilans")
    task = GroupApprovalTask.objects.create(name="Relecture")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    from django.contrib.contenttypes.models import ContentType

    WorkflowContentType.objects.create(
        workflow=workflow, content_type=ContentType.objects.get_for_model(ConsultationReportPage)
    )
    response = admin_client.post(add_url(consultation), report_form(**{"action-submit": "submit"}))
    assert response.status_code == 200 and f"12 {REFUSED}" in visible_text(response)
    response = admin_client.post(
        add_url(consultation), report_form(**{"action-submit": "submit", "published_as_partial": "on"})
    )
    assert response.status_code == 302
    report = ConsultationReportPage.objects.get()
    assert report.current_workflow_state is not None and not report.live


def test_the_report_editor_counts_the_answers_and_links_to_them(admin_client, consultation):
    text = visible_text(admin_client.get(add_url(consultation)))
    assert "14 contributions enregistrées 1 répondue 1 encore à l'étude 12 sans décision" in text
    html = admin_client.get(add_url(consultation)).content.decode()
    assert f'href="/admin/contributions/?consultation={consultation.pk}"' in html
    assert "Répondre aux contributions" in html


def test_a_contribution_is_answered_in_the_admin_with_a_clear_message_when_the_reason_is_missing(
    admin_client, consultation, index_page, home_page_en, locales, translate_page
):
    contribution = Contribution.objects.filter(decision="").first()
    url = f"/admin/contributions/edit/{contribution.pk}/"
    fields = {
        "consultation": consultation.pk,
        "reference": contribution.reference,
        "channel": "online",
        "submitted_on": "2025-03-15",
        "title": contribution.title,
        "body": contribution.body,
        "language": "fr",
        "decision": "not_kept",
        "reason": "–",
    }
    response = admin_client.post(url, fields)
    assert response.status_code == 200
    assert "Donnez la raison en une phrase complète, ou liez une réponse commune" in visible_text(response)
    response = admin_client.post(url, {**fields, "reason": "La rue est trop étroite pour une piste séparée."})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.decision == "not_kept"
    # The consultation chooser offers the consultation in its original language only.
    translate_page(index_page, locales["en"], title="Consultations")
    translate_page(consultation, locales["en"], title="Cycling")
    html = admin_client.get(url).content.decode()
    assert "Cycling" not in html.split('name="consultation"')[1].split("</select>")[0]


def test_the_admin_lists_filters_and_searches_contributions(admin_client, consultation, django_assert_max_num_queries):
    response = admin_client.get("/admin/contributions/?decision=kept")
    assert response.status_code == 200
    assert visible_text(response).count("PM-") >= 1
    response = admin_client.get(f"/admin/contributions/?q={Contribution.objects.first().reference}")
    assert Contribution.objects.first().title in visible_text(response)
    ContributionFactory.create_batch(30, consultation=consultation)
    admin_client.get("/admin/contributions/")
    with django_assert_max_num_queries(30):
        assert admin_client.get("/admin/contributions/").status_code == 200
    assert admin_client.get("/admin/shared_answers/").status_code == 200
