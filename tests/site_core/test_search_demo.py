"""What the citizen of issue 18 typed, on the demo site: "tirage", "marche", a commitment's number, the label."""

from tests.site_core.test_search_records import results, search


def test_the_words_of_issue_18_find_the_demo_records(demo_site, client):
    draws = [result for result in results(search(client, "tirage")) if result[0] == "Tirage au sort"]
    assert draws and all("/#tirage-" in link for _kind, _title, link in draws)
    assert client.get(draws[0][2].split("#")[0]).status_code == 200

    walking = results(search(client, "marche"))
    assert (
        "Concertation",
        "Plan marche : mieux marcher dans la métropole",
        "/fr/concertations/plan-marche/",
    ) in walking
    events = [link for kind, _title, link in walking if kind == "Événement"]
    assert any(link.startswith("/fr/concertations/plan-marche/evenements/") for link in events)
    assert client.get(events[0]).status_code == 200

    commitments = [result for result in results(search(client, "engagement 6")) if result[0] == "Engagement"]
    assert commitments[0][1].startswith("6. ") and commitments[0][2].endswith("/engagements/6/")
    assert client.get(commitments[0][2]).status_code == 200

    labels = [link for kind, _title, link in results(search(client, "label citoyen")) if kind == "Label citoyen"]
    assert labels and all("/label-citoyen/verifier/" in link for link in labels)
    assert client.get(labels[0]).status_code == 200
