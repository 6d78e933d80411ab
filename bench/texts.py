"""Word and phrase banks in English, Spanish and French, and the sentences the seed builds from them.

Digital government, agriculture, e-services, data, identity, health and disaster resilience: the
network's subjects. Every choice goes through the ``random.Random`` given, so a seed reproduces
the same texts.
"""

from __future__ import annotations

import random

# fmt: off
BANKS = {
    "en": {
        "subjects": [
            "The ministry", "Our team", "The e-government unit", "The national statistics office",
            "The agriculture extension service", "The ministry of health", "The disaster management agency",
            "The digital transformation office", "A small project team", "The customs department",
            "The civil registry office", "Our partners at the university", "The farmers' cooperative",
            "The national ICT agency", "The public service commission", "The fisheries division",
        ],
        "verbs": [
            "launched", "piloted", "rolled out", "redesigned", "digitized", "connected", "tested",
            "scaled up", "published", "simplified", "integrated", "evaluated", "co-designed", "documented",
        ],
        "objects": [
            "a national farmer registry", "the digital identity card",
            "an online business registration service",
            "the open data portal", "mobile payments for government fees", "the electronic health record",
            "an early warning system for hurricanes", "SMS alerts for fishers",
            "a one-stop portal for permits",
            "the civil registry", "digital land titles", "the e-procurement platform",
            "the customs single window", "a crop insurance scheme",
            "an interoperability layer between ministries",
            "the national data-sharing policy", "digital signatures for public servants",
            "telemedicine in rural clinics", "a vaccination tracking app", "online tax filing",
            "a damage assessment app for use after storms", "a shelter management system",
            "the social protection registry", "market price information for farmers",
            "soil and weather sensors", "an extension advice hotline", "the livestock traceability system",
            "digital skills training for civil servants", "cloud hosting for government systems",
            "drought monitoring dashboards", "a pest reporting app", "online school enrolment",
            "birth certificates on demand", "a fisheries licensing service", "a citizen feedback platform",
        ],
        "complements": [
            "in three parishes", "in less than six months", "with open-source tools",
            "after the hurricane season",
            "together with the finance ministry", "with support from CARICAD", "for small farmers",
            "for people without smartphones", "on a very small budget", "across four islands",
            "with the help of young graduates", "in both official languages", "using the existing registries",
            "with a mobile-first design", "in close cooperation with its users", "for rural communities",
            "within the existing legal framework", "in partnership with the telecom operators",
        ],
        "connectors": [
            "However,", "As a result,", "In the first year,", "At the same time,", "Later,", "Meanwhile,",
            "In practice,", "For this reason,", "Since then,", "Most importantly,",
        ],
        "facts": [
            "Processing times fell from weeks to days.", "Many citizens still prefer to visit an office.",
            "The data is published every month under an open licence.",
            "Farmers receive weather alerts by SMS in their own language.",
            "The legal basis for electronic signatures was the hardest part.",
            "Connectivity in rural areas remains a challenge.",
            "Staff training took longer than the software.",
            "We kept the paper forms during the transition.",
            "Procurement rules delayed the project by several months.",
            "The registry now shares data with three other agencies.",
            "Clinics see a patient's history in seconds.",
            "After the storm, damage reports arrived within hours instead of weeks.",
            "Usage doubled once the service worked on basic phones.",
            "Privacy and consent were discussed with civil society from the start.",
            "The budget came from a regional development programme.",
            "Every form was rewritten in plain language.",
        ],
        "questions": [
            "How did you handle consent for the data?", "What did it cost per user?",
            "Which vendor did you work with?", "Did you publish the source code?",
            "How did you reach people without internet access?", "How long did the procurement take?",
            "Who maintains the system today?", "Did you need a new law or regulation?",
            "How do you measure user satisfaction?", "Can other ministries reuse the registry?",
        ],
        "reactions": [
            "Thank you for sharing this.", "Very useful, thank you.", "Great results!",
            "We are working on something similar.", "This is exactly what we need in our ministry.",
            "Interesting approach.", "Congratulations to the whole team.",
            "I agree with the previous comment.",
        ],
        "offers": [
            "Happy to share our terms of reference.", "Let us organise a call with the lab.",
            "I can connect you with our data protection officer.",
            "We could present this at the next lab meeting.",
            "Our procurement documents are available on request.",
        ],
        "headings": [
            "The problem", "Context", "What we did", "How it works", "Results so far", "Lessons learned",
            "Next steps", "Costs and funding", "Partners",
        ],
        "titles": [
            "{object} in {place}", "How we {verb} {object}", "{object}: lessons from {place}",
            "{object} for {audience}", "From paper to digital: {object}",
        ],
        "audiences": [
            "small farmers", "fishers", "public servants", "small businesses", "rural clinics", "schools",
            "island communities", "older citizens",
        ],
        "outcomes": [
            "{n} farmers registered in the first year", "Processing time down by {pct}%",
            "{n} certificates issued online", "{pct}% of requests now handled online",
            "Cost per transaction reduced by {pct}%", "{n} public servants trained",
            "{n} alerts sent before the last storm",
        ],
        "places": [
            "Saint Lucia", "Jamaica", "Barbados", "Trinidad and Tobago", "Guyana", "Belize", "Grenada",
            "Dominica", "the Bahamas", "Antigua", "Saint Vincent", "Montserrat",
        ],
        "organizations": [
            "Ministry of Agriculture", "Ministry of Health", "Ministry of Finance", "e-Government Unit",
            "Central Statistical Office", "National Disaster Office", "Ministry of the Public Service",
            "Department of Information Technology", "Customs and Excise Department", "Registry Office",
        ],
        "jobs": [
            "Chief Digital Officer", "Project manager", "Data analyst", "Policy advisor", "Service designer",
            "ICT manager", "Extension officer", "Systems architect", "Director of e-services",
        ],
    },
    "es": {
        "subjects": [
            "El ministerio", "Nuestro equipo", "La oficina de gobierno digital",
            "La oficina nacional de estadística",
            "El servicio de extensión agrícola", "El ministerio de salud",
            "La agencia de gestión de desastres",
            "La unidad de transformación digital", "Un pequeño equipo de proyecto", "La dirección de aduanas",
            "El registro civil", "La cooperativa de productores", "La agencia nacional de tecnología",
        ],
        "verbs": [
            "lanzó", "puso a prueba", "implementó", "rediseñó", "digitalizó", "conectó", "evaluó",
            "amplió", "publicó", "simplificó", "integró", "documentó",
        ],
        "objects": [
            "un registro nacional de productores", "la cédula de identidad digital",
            "un servicio de registro de empresas en línea", "el portal de datos abiertos",
            "los pagos móviles de tasas públicas", "la historia clínica electrónica",
            "un sistema de alerta temprana de huracanes", "alertas por SMS para pescadores",
            "una ventanilla única de permisos", "la firma electrónica para funcionarios",
            "la plataforma de compras públicas", "un seguro agrícola", "la política nacional de datos",
            "la interoperabilidad entre ministerios", "la telemedicina en zonas rurales",
            "la declaración de impuestos en línea", "una aplicación de evaluación de daños",
            "el registro social de hogares", "la información de precios para agricultores",
            "sensores de suelo y clima", "la trazabilidad del ganado",
            "la formación digital de los funcionarios",
            "los tableros de monitoreo de sequía", "las actas de nacimiento en línea",
        ],
        "complements": [
            "en tres provincias", "en menos de seis meses", "con herramientas de código abierto",
            "después de la temporada de huracanes", "junto con el ministerio de hacienda",
            "para pequeños agricultores", "para personas sin teléfono inteligente",
            "con un presupuesto muy limitado",
            "con el apoyo de un banco de desarrollo", "en colaboración con los usuarios",
            "para las zonas rurales",
            "dentro del marco legal vigente", "con los datos de los registros existentes",
        ],
        "connectors": [
            "Sin embargo,", "Como resultado,", "En el primer año,", "Al mismo tiempo,", "Más tarde,",
            "En la práctica,", "Por esta razón,", "Desde entonces,", "Sobre todo,",
        ],
        "facts": [
            "Los tiempos de trámite bajaron de semanas a días.",
            "Muchos ciudadanos todavía prefieren ir a una oficina.",
            "Los datos se publican cada mes con una licencia abierta.",
            "Los agricultores reciben alertas del clima por SMS.",
            "La base legal de la firma electrónica fue lo más difícil.",
            "La conectividad en las zonas rurales sigue siendo un desafío.",
            "La capacitación del personal tomó más tiempo que el software.",
            "Mantuvimos los formularios en papel durante la transición.",
            "El registro ahora comparte datos con otras tres instituciones.",
            "Después de la tormenta, los informes de daños llegaron en horas.",
            "El uso se duplicó cuando el servicio funcionó en teléfonos básicos.",
            "La protección de datos personales se discutió desde el inicio.",
        ],
        "questions": [
            "¿Cómo manejaron el consentimiento para los datos?", "¿Cuánto costó por usuario?",
            "¿Con qué proveedor trabajaron?", "¿Publicaron el código fuente?",
            "¿Cómo llegaron a las personas sin acceso a internet?", "¿Cuánto tiempo tomó la licitación?",
            "¿Quién mantiene el sistema hoy?", "¿Necesitaron una nueva ley?",
        ],
        "reactions": [
            "Gracias por compartir.", "Muy útil, gracias.", "¡Excelentes resultados!",
            "Estamos trabajando en algo parecido.", "Es justo lo que necesitamos en nuestro ministerio.",
            "Enfoque muy interesante.", "Felicitaciones a todo el equipo.",
        ],
        "offers": [
            "Con gusto compartimos nuestros términos de referencia.",
            "Organicemos una llamada con el laboratorio.",
            "Podríamos presentarlo en la próxima reunión del laboratorio.",
            "Nuestros documentos de licitación están disponibles.",
        ],
        "headings": [
            "El problema", "Contexto", "Lo que hicimos", "Cómo funciona", "Resultados",
            "Lecciones aprendidas",
            "Próximos pasos", "Costos y financiamiento",
        ],
        "titles": [
            "{object} en {place}", "Cómo {verb} {object}", "{object}: lecciones de {place}",
            "{object} para {audience}", "Del papel a lo digital: {object}",
        ],
        "audiences": [
            "pequeños agricultores", "pescadores", "funcionarios públicos", "pequeñas empresas",
            "clínicas rurales", "escuelas", "comunidades rurales",
        ],
        "outcomes": [
            "{n} productores registrados el primer año", "Tiempo de trámite reducido en un {pct}%",
            "{n} certificados emitidos en línea", "{pct}% de las solicitudes se hacen en línea",
            "{n} funcionarios capacitados",
        ],
        "places": ["República Dominicana", "Cuba", "Puerto Rico", "Santo Domingo", "Santiago", "La Habana"],
        "organizations": [
            "Ministerio de Agricultura", "Ministerio de Salud Pública", "Oficina Nacional de Estadística",
            "Oficina Gubernamental de Tecnologías", "Dirección General de Aduanas", "Junta Central Electoral",
        ],
        "jobs": [
            "Director de gobierno digital", "Analista de datos", "Coordinadora de proyectos",
            "Especialista en interoperabilidad", "Asesora de políticas públicas",
            "Técnico de extensión agrícola",
        ],
    },
    "fr": {
        "subjects": [
            "Le ministère", "Notre équipe", "La cellule e-gouvernement", "L'institut de statistique",
            "Le service de vulgarisation agricole", "Le ministère de la santé", "La protection civile",
            "La direction de la transformation numérique", "Une petite équipe projet",
            "La direction des douanes",
            "L'état civil", "La coopérative agricole", "L'agence nationale du numérique",
        ],
        "verbs": [
            "a lancé", "a expérimenté", "a déployé", "a repensé", "a numérisé", "a connecté", "a évalué",
            "a étendu", "a publié", "a simplifié", "a intégré", "a documenté",
        ],
        "objects": [
            "un registre national des agriculteurs", "la carte d'identité numérique",
            "la création d'entreprise en ligne", "le portail de données ouvertes",
            "le paiement mobile des frais administratifs", "le dossier médical électronique",
            "un système d'alerte précoce aux cyclones", "des alertes SMS pour les pêcheurs",
            "un guichet unique pour les permis", "la signature électronique des agents",
            "la plateforme des marchés publics", "une assurance récolte",
            "la politique nationale des données",
            "l'interopérabilité entre ministères", "la télémédecine en zone rurale",
            "la déclaration d'impôts en ligne", "une application d'évaluation des dégâts",
            "le registre social", "les prix du marché pour les agriculteurs",
            "des capteurs de sol et de météo",
            "la traçabilité du bétail", "la formation numérique des fonctionnaires",
            "les actes de naissance en ligne",
        ],
        "complements": [
            "dans trois communes", "en moins de six mois", "avec des outils libres",
            "après la saison cyclonique",
            "avec le ministère des finances", "pour les petits exploitants",
            "pour les personnes sans smartphone",
            "avec un budget très limité", "avec l'appui d'un bailleur régional",
            "en lien étroit avec les usagers",
            "pour les zones rurales", "dans le cadre juridique existant", "à partir des registres existants",
        ],
        "connectors": [
            "Cependant,", "En conséquence,", "La première année,", "En même temps,", "Ensuite,",
            "En pratique,", "Pour cette raison,", "Depuis,", "Surtout,",
        ],
        "facts": [
            "Les délais de traitement sont passés de plusieurs semaines à quelques jours.",
            "Beaucoup d'usagers préfèrent encore se rendre au guichet.",
            "Les données sont publiées chaque mois sous licence ouverte.",
            "Les agriculteurs reçoivent les alertes météo par SMS.",
            "Le cadre juridique de la signature électronique a été le plus difficile.",
            "La connectivité dans les zones rurales reste un défi.",
            "La formation des agents a pris plus de temps que le logiciel.",
            "Nous avons gardé les formulaires papier pendant la transition.",
            "Le registre partage désormais ses données avec trois autres administrations.",
            "Après le cyclone, les rapports de dégâts sont arrivés en quelques heures.",
            "L'usage a doublé quand le service a fonctionné sur les téléphones simples.",
            "La protection des données personnelles a été discutée dès le début.",
        ],
        "questions": [
            "Comment avez-vous géré le consentement pour les données ?", "Quel a été le coût par usager ?",
            "Avec quel prestataire avez-vous travaillé ?", "Avez-vous publié le code source ?",
            "Comment avez-vous touché les personnes sans internet ?",
            "Combien de temps a duré l'appel d'offres ?",
            "Qui maintient le système aujourd'hui ?", "Une nouvelle loi a-t-elle été nécessaire ?",
        ],
        "reactions": [
            "Merci pour ce partage.", "Très utile, merci.", "Excellents résultats !",
            "Nous travaillons sur un projet similaire.", "C'est exactement ce qu'il faut à notre ministère.",
            "Approche très intéressante.", "Bravo à toute l'équipe.",
        ],
        "offers": [
            "Nous pouvons partager notre cahier des charges.", "Organisons un appel avec le laboratoire.",
            "Nous pourrions le présenter à la prochaine réunion du laboratoire.",
            "Nos documents d'appel d'offres sont disponibles sur demande.",
        ],
        "headings": [
            "Le problème", "Contexte", "Ce que nous avons fait", "Fonctionnement", "Premiers résultats",
            "Leçons apprises", "Prochaines étapes", "Coûts et financement",
        ],
        "titles": [
            "{object} en {place}", "Comment nous avons numérisé {object}", "{object} : leçons de {place}",
            "{object} pour {audience}", "Du papier au numérique : {object}",
        ],
        "audiences": [
            "les petits exploitants", "les pêcheurs", "les agents publics", "les petites entreprises",
            "les centres de santé ruraux", "les écoles",
        ],
        "outcomes": [
            "{n} agriculteurs inscrits la première année", "Délai de traitement réduit de {pct} %",
            "{n} actes délivrés en ligne", "{pct} % des demandes traitées en ligne", "{n} agents formés",
        ],
        "places": ["Haïti", "Guadeloupe", "Martinique", "Guyane", "Port-au-Prince", "Cap-Haïtien"],
        "organizations": [
            "Ministère de l'Agriculture", "Ministère de la Santé publique", "Direction générale des impôts",
            "Office national d'identification", "Collectivité territoriale", "Institut de statistique",
        ],
        "jobs": [
            "Responsable de la transformation numérique", "Chargée de mission", "Chef de projet",
            "Analyste de données", "Conseiller en politiques publiques", "Technicien agricole",
        ],
    },
}
# fmt: on

MARKS = ("**", "_")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class Writer:
    """Texts in one language, drawn with the seed's random generator."""

    def __init__(self, rng: random.Random, language: str):
        self.rng = rng
        self.bank = BANKS[language]

    def _pick(self, key: str) -> str:
        return self.rng.choice(self.bank[key])

    def sentence(self) -> str:
        rng = self.rng
        if rng.random() < 0.3:
            return self._pick("facts")
        obj = self._pick("objects")
        if rng.random() < 0.1:  # some emphasis, for the markdown
            mark = rng.choice(MARKS)
            obj = f"{mark}{obj}{mark}"
        text = f"{self._pick('subjects')} {self._pick('verbs')} {obj} {self._pick('complements')}."
        if rng.random() < 0.3:
            text = f"{self._pick('connectors')} {text[:1].lower()}{text[1:]}"
        return text

    def paragraph(self, low: int = 3, high: int = 6) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def title(self) -> str:
        pattern = self._pick("titles")
        text = pattern.format(
            object=self._pick("objects"),
            place=self._pick("places"),
            verb=self._pick("verbs"),
            audience=self._pick("audiences"),
        )
        return _cap(text)[:200]

    def summary(self) -> str:
        text = " ".join(self.sentence() for _ in range(self.rng.randint(2, 3)))
        return text[:497].rsplit(" ", 1)[0] + "…" if len(text) > 500 else text

    def body(self) -> str:
        """Markdown of 1.5 to 4 KB: headed sections with paragraphs and lists."""
        rng = self.rng
        sections = []
        for heading in rng.sample(self.bank["headings"], rng.randint(3, 5)):
            parts = [f"## {heading}", self.paragraph()]
            if rng.random() < 0.5:
                parts.append("\n".join(f"- {_cap(self._pick('objects'))}" for _ in range(rng.randint(3, 5))))
            if rng.random() < 0.4:
                parts.append(self.paragraph(2, 4))
            sections.append("\n\n".join(parts))
        return "\n\n".join(sections)

    def outcomes(self) -> str:
        rng = self.rng
        lines = rng.sample(self.bank["outcomes"], min(len(self.bank["outcomes"]), rng.randint(2, 4)))
        return "\n".join(
            f"- {line.format(n=rng.randint(120, 25000), pct=rng.randint(10, 80))}" for line in lines
        )

    def comment(self, mention: str | None = None) -> str:
        """Two to six sentences; now and then two paragraphs, or a mention."""
        rng = self.rng
        parts = [self._pick("reactions")] if rng.random() < 0.6 else []
        parts += [self.sentence() for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.5:
            parts.append(self._pick("questions"))
        if rng.random() < 0.25:
            parts.append(self._pick("offers"))
        parts = parts or [self.sentence()]
        text = " ".join(parts)
        if rng.random() < 0.25:
            text += "\n\n" + self.paragraph(2, 4)
        if mention:
            text = f"@{mention} {text}"
        return text

    def headline(self) -> str:
        return _cap(f"{self._pick('objects')} {self._pick('complements')}")[:160]

    def organization(self) -> str:
        return self._pick("organizations")

    def job(self) -> str:
        return self._pick("jobs")

    def bio(self, job: str, organization: str) -> str:
        return f"{job}, **{organization}**. {self.paragraph(1, 3)}"
