"""Demo content of the legal pages (legal notice, personal data, site map) in French and English.

The authority is fictional: its SIREN number fails the Luhn check every real SIREN passes, so it can never be
mistaken for a real body's, and the host is a made-up company.
"""

import datetime

PUBLISHER_ADDRESS = "Hôtel de la Métropole\n1 place de la Concertation\n59000 Exemple"

LEGAL_NOTICE_FR = {
    "title": "Mentions légales",
    "listing_summary": "Qui édite et héberge ce site, qui en est responsable, et ce que vous pouvez réutiliser.",
    "publisher_name": "Métropole Exemple",
    "publisher_status": "établissement public de coopération intercommunale (métropole, 95 communes)",
    "publisher_address": PUBLISHER_ADDRESS,
    "publisher_siren": "200099991",
    "publisher_phone": "03 00 00 00 00",
    "publisher_email": "participation@metropole-exemple.fr",
    "director_name": "Martine Delcourt",
    "director_role": "Présidente de la Métropole Exemple",
    "host_name": "Nordhéberg SAS",
    "host_address": "Parc des Technologies, bâtiment B\n14 rue des Serveurs\n59650 Exemple-Ascq",
    "host_phone": "03 00 00 12 34",
    "intellectual_property": (
        "<p>Les textes de ce site, dont la charte de la participation citoyenne et les bilans des concertations, "
        "sont publiés par la Métropole Exemple sous la <b>Licence Ouverte 2.0</b> : vous pouvez les copier, les "
        "adapter et les diffuser, y compris à des fins commerciales, à condition de citer la source "
        "(« Métropole Exemple ») et la date de la dernière mise à jour.</p>"
        "<p>Le nom et le logo de la Métropole Exemple ne peuvent pas être reproduits sans son accord écrit. "
        "Les contributions des habitants restent la propriété de leurs auteurs ; elles sont citées dans les "
        "bilans dans les conditions de la charte.</p>"
    ),
    "credits": (
        "<ul><li>Conception et rédaction : Mission participation citoyenne de la Métropole Exemple.</li>"
        "<li>Développement : Pacte, logiciel libre fondé sur Wagtail et Django.</li>"
        "<li>Illustrations : formes abstraites produites pour le site ; aucune photographie de personne.</li></ul>"
    ),
}
LEGAL_NOTICE_EN = {
    "title": "Legal notice",
    "listing_summary": "Who publishes and hosts this site, who is responsible for it, and what you may reuse.",
    "publisher_status": "public body for inter-municipal cooperation (a métropole of 95 municipalities)",
    "publisher_address": PUBLISHER_ADDRESS,
    "director_role": "President of Métropole Exemple",
    "host_address": "Parc des Technologies, bâtiment B\n14 rue des Serveurs\n59650 Exemple-Ascq\nFrance",
    "intellectual_property": (
        "<p>The texts on this site, including the citizen participation charter and the consultation reports, are "
        "published by Métropole Exemple under the French <b>Licence Ouverte 2.0</b> (open licence): you may copy, "
        "adapt and share them, commercially too, provided you name the source (“Métropole Exemple”) and the date "
        "of the last update.</p>"
        "<p>The name and logo of Métropole Exemple may not be reproduced without its written consent. "
        "Residents' contributions remain the property of their authors; they are quoted in the reports as the "
        "charter provides.</p>"
    ),
    "credits": (
        "<ul><li>Design and writing: Métropole Exemple's citizen participation team.</li>"
        "<li>Development: Pacte, free software built on Wagtail and Django.</li>"
        "<li>Illustrations: abstract shapes drawn for the site; no photograph of any person.</li></ul>"
    ),
}

DPO_ADDRESS = "Délégué à la protection des données\nMétropole Exemple\n1 place de la Concertation\n59000 Exemple"

PERSONAL_DATA_FR = {
    "title": "Données personnelles et cookies",
    "listing_summary": "Quelles données ce site traite, pourquoi, combien de temps, et comment exercer vos droits.",
    "introduction": (
        "Lire ce site ne demande aucune donnée personnelle et ne dépose aucun cookie. Seuls les agents qui se "
        "connectent pour suivre une formation, et les personnes qui nous écrivent, nous confient des données."
    ),
    "last_updated": datetime.date(2026, 9, 15),
    "controller_name": "Métropole Exemple, représentée par sa Présidente",
    "controller_address": PUBLISHER_ADDRESS,
    "dpo_name": "le délégué à la protection des données de la Métropole Exemple",
    "dpo_email": "dpd@metropole-exemple.fr",
    "dpo_address": DPO_ADDRESS,
    "processings": [
        (
            "processing",
            {
                "name": "Comptes des agents et suivi des formations",
                "purpose": (
                    "Permettre aux agents de la Métropole et des communes de se connecter à l'espace formation, "
                    "d'enregistrer leur progression et d'obtenir une attestation."
                ),
                "legal_basis": "public_task",
                "data": "Nom, prénom, adresse électronique professionnelle, identifiant, leçons suivies, "
                "résultats aux quiz, dates de connexion.",
                "recipients": (
                    "La Mission participation citoyenne ; le service formation de l'employeur de l'agent, pour les "
                    "attestations ; l'hébergeur, sous-traitant tenu par contrat."
                ),
                "retention": "Tant que l'agent travaille pour la Métropole ou une commune, puis un an.",
            },
        ),
        (
            "processing",
            {
                "name": "Sécurité des connexions",
                "purpose": (
                    "Bloquer les tentatives répétées de deviner un mot de passe et enquêter en cas d'incident."
                ),
                "legal_basis": "legal_obligation",
                "data": "Identifiant saisi, adresse IP, date et heure des tentatives de connexion échouées ; "
                "journaux techniques du serveur.",
                "recipients": "Le service informatique de la Métropole ; l'hébergeur.",
                "retention": "Un an au plus, durée recommandée par la CNIL pour les journaux de sécurité.",
            },
        ),
        (
            "processing",
            {
                "name": "Messages adressés à la Métropole",
                "purpose": (
                    "Répondre aux questions sur la participation, aux signalements d'accessibilité et aux demandes "
                    "d'exercice des droits."
                ),
                "legal_basis": "public_task",
                "data": "Nom, adresse électronique ou postale, contenu du message.",
                "recipients": "La Mission participation citoyenne, et le service concerné par la question.",
                "retention": "Deux ans après le dernier échange.",
            },
        ),
    ],
    "rights_exercise": (
        "<p>Écrivez au délégué à la protection des données, par courriel ou par courrier, en précisant le droit "
        "que vous exercez et le traitement concerné. Nous ne vous demandons un justificatif d'identité qu'en cas "
        "de doute raisonnable sur votre identité.</p>"
        "<p>Nous répondons dans un délai d'un mois. Ce délai peut être prolongé de deux mois pour une demande "
        "complexe : nous vous le disons alors dans le premier mois.</p>"
    ),
    "cookies": [
        (
            "cookie",
            {
                "name": "sessionid",
                "purpose": "Garder connecté un agent ou un éditeur d'une page à l'autre.",
                "set_when": "À la connexion à l'espace formation ou à l'administration, jamais pour lire le site.",
                "lifetime": "Deux semaines, ou jusqu'à la déconnexion.",
            },
        ),
        (
            "cookie",
            {
                "name": "csrftoken",
                "purpose": "Vérifier qu'un formulaire est bien envoyé depuis ce site, et non par un site malveillant.",
                "set_when": "À l'affichage d'un formulaire : page de connexion, leçons de formation.",
                "lifetime": "Un an.",
            },
        ),
    ],
    "cookies_consent": (
        "<p>Ces deux cookies sont strictement nécessaires au service que vous demandez : rester connecté, envoyer "
        "un formulaire en sécurité. L'article 82 de la loi Informatique et Libertés et les lignes directrices de la "
        "CNIL les dispensent de consentement.</p>"
        "<p>Le site ne dépose aucun cookie de mesure d'audience, de publicité ou de réseau social, et la langue "
        "est choisie par l'adresse de la page (/fr/, /en/), sans cookie. C'est pourquoi aucun bandeau ne vous "
        "demande votre accord.</p>"
    ),
}
PERSONAL_DATA_EN = {
    "title": "Personal data and cookies",
    "listing_summary": "What data this site processes, why, for how long, and how to exercise your rights.",
    "introduction": (
        "Reading this site requires no personal data and sets no cookie. Only staff who sign in to follow a "
        "training course, and people who write to us, entrust us with data."
    ),
    "controller_name": "Métropole Exemple, represented by its President",
    "controller_address": PUBLISHER_ADDRESS,
    "dpo_name": "Métropole Exemple's data protection officer",
    "dpo_address": DPO_ADDRESS,
    "processings": [
        (
            "processing",
            {
                "name": "Staff accounts and training progress",
                "purpose": (
                    "Let staff of the Métropole and its municipalities sign in to the training section, record "
                    "their progress and obtain a certificate."
                ),
                "legal_basis": "public_task",
                "data": "Surname, first name, work e-mail address, username, lessons followed, quiz results, "
                "sign-in dates.",
                "recipients": (
                    "The citizen participation team; the training department of the staff member's employer, for "
                    "certificates; the host, a processor bound by contract."
                ),
                "retention": "As long as the person works for the Métropole or a municipality, then one year.",
            },
        ),
        (
            "processing",
            {
                "name": "Sign-in security",
                "purpose": "Block repeated attempts to guess a password and investigate incidents.",
                "legal_basis": "legal_obligation",
                "data": "Username typed, IP address, date and time of failed sign-in attempts; the server's "
                "technical logs.",
                "recipients": "The Métropole's IT department; the host.",
                "retention": "One year at most, the period the CNIL recommends for security logs.",
            },
        ),
        (
            "processing",
            {
                "name": "Messages sent to the Métropole",
                "purpose": (
                    "Answer questions about participation, accessibility reports and requests to exercise rights."
                ),
                "legal_basis": "public_task",
                "data": "Name, e-mail or postal address, content of the message.",
                "recipients": "The citizen participation team, and the department the question concerns.",
                "retention": "Two years after the last exchange.",
            },
        ),
    ],
    "rights_exercise": (
        "<p>Write to the data protection officer, by e-mail or by post, saying which right you are exercising and "
        "which processing it concerns. We ask for proof of identity only if there is reasonable doubt about who "
        "you are.</p>"
        "<p>We answer within one month. For a complex request this may be extended by two months: we then tell "
        "you so within the first month.</p>"
    ),
    "cookies": [
        (
            "cookie",
            {
                "name": "sessionid",
                "purpose": "Keep a staff member or editor signed in from one page to the next.",
                "set_when": "On signing in to the training section or the administration, never for reading the site.",
                "lifetime": "Two weeks, or until signing out.",
            },
        ),
        (
            "cookie",
            {
                "name": "csrftoken",
                "purpose": "Check that a form is sent from this site, not by a malicious one.",
                "set_when": "When a form is shown: the sign-in page, training lessons.",
                "lifetime": "One year.",
            },
        ),
    ],
    "cookies_consent": (
        "<p>These two cookies are strictly necessary for the service you ask for: staying signed in, sending a form "
        "safely. Article 82 of the French Data Protection Act and the CNIL's guidelines exempt them from "
        "consent.</p>"
        "<p>The site sets no audience-measurement, advertising or social-network cookie, and the language is chosen "
        "by the page's address (/fr/, /en/), without a cookie. That is why no banner asks for your agreement.</p>"
    ),
}

SITE_MAP_FR = {
    "title": "Plan du site",
    "listing_summary": "Toutes les pages publiques du site, rangées comme dans ses rubriques.",
    "introduction": "Toutes les pages publiques du site, dans l'ordre de ses rubriques.",
}
SITE_MAP_EN = {
    "title": "Site map",
    "listing_summary": "Every public page of the site, arranged as in its sections.",
    "introduction": "Every public page of the site, in the order of its sections.",
}
