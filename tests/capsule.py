"""Test data, not shipped: the memory regression capsule, seeded synthetic memories with labelled recall queries.

No network and no model: topics, sub-topics, templates and names below are expanded by a seeded RNG, so
`build_capsule(seed)` is the same on every machine. Queries paraphrase their topic with partly different words
(synonyms and other inflections) and some name one entity within a sub-topic; the same topics exist in several
tenants, so a recall that leaked across tenants would surface decoys.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True)
class Subtopic:
    """A narrower subject: phrases memories use, and phrases a person might ask with instead."""

    key: str
    terms: tuple[str, ...]
    paraphrases: tuple[str, ...]


@dataclass(frozen=True)
class Topic:
    """A subject memories are about, with its vocabulary."""

    key: str
    terms: tuple[str, ...]
    paraphrases: tuple[str, ...]
    entities: tuple[str, ...]
    actions: tuple[str, ...]
    subtopics: tuple[Subtopic, ...]


@dataclass(frozen=True)
class CapsuleMemory:
    """One memory of the capsule; `id` is unique across tenants."""

    id: str
    tenant: str
    text: str
    kind: str  # "episodic" or "semantic"
    metadata: dict[str, str]
    created_at: datetime


@dataclass(frozen=True)
class CapsuleQuery:
    """A recall query of one tenant and the ids of the memories that answer it."""

    tenant: str
    text: str
    relevant: frozenset[str]
    kind: str  # "topic", "subtopic" or "specific"


@dataclass(frozen=True)
class Capsule:
    """The whole dataset."""

    seed: int
    tenants: tuple[str, ...]
    memories: tuple[CapsuleMemory, ...]
    queries: tuple[CapsuleQuery, ...]
    by_id: dict[str, CapsuleMemory] = field(repr=False, compare=False)

    def memories_of(self, tenant: str) -> list[CapsuleMemory]:
        return [m for m in self.memories if m.tenant == tenant]

    def queries_of(self, tenant: str) -> list[CapsuleQuery]:
        return [q for q in self.queries if q.tenant == tenant]


def _s(key: str, terms: str, paraphrases: str) -> Subtopic:
    return Subtopic(key, tuple(terms.split("|")), tuple(paraphrases.split("|")))


def _t(key: str, terms: str, paraphrases: str, entities: str, actions: str, *subtopics: Subtopic) -> Topic:
    return Topic(
        key,
        tuple(terms.split("|")),
        tuple(paraphrases.split("|")),
        tuple(entities.split("|")),
        tuple(actions.split("|")),
        subtopics,
    )


# fmt: off
TOPICS: tuple[Topic, ...] = (
    _t("deployments",
       "deployment pipeline|production release|release notes|staging environment|build artifacts|on-call rotation",
       "shipping code to production|deploying new versions|releasing software|the deploy process",
       "Atlas|Hermes|the payments API|the mobile backend|Orion",
       "rolled out|paused|approved|reverted|scheduled",
       _s("canary", "canary release|traffic split|rollout percentage|error rate dashboard|feature flag|health checks|"
          "gradual rollout window", "releasing gradually|partial rollouts|shifting traffic slowly|flagged features|"
          "staged launches"),
       _s("rollback", "rollback plan|failed release|hotfix branch|incident postmortem|previous version|"
          "release blocker|revert commit", "rolling back a bad deploy|reverting releases|undoing a broken version|"
          "postmortems of failed deploys|blocked releases"),
       _s("ci", "CI pipeline|flaky tests|build cache|test coverage|merge queue|pipeline runtime|lint step",
          "continuous integration builds|tests that fail randomly|slow pipelines|caching builds|"
          "coverage of the test suite")),
    _t("databases",
       "database cluster|primary replica|connection pool|storage engine|database schema|query planner",
       "our data stores|the DB servers|relational databases|Postgres operations",
       "the orders database|the analytics warehouse|the user store|Ledger|Sirius",
       "migrated|tuned|restored|indexed|vacuumed",
       _s("migrations", "schema migration|column rename|migration script|backfill job|table lock|alembic revision|"
          "downtime window", "migrating the schema|renaming columns|backfilling data|altering tables|"
          "schema changes without downtime"),
       _s("backups", "nightly backup|point-in-time recovery|restore drill|snapshot retention|WAL archive|"
          "backup verification|disaster recovery", "restoring from backups|recovering lost data|"
          "snapshots we keep|disaster recoveries|archived write-ahead logs"),
       _s("performance", "slow query|missing index|query plan|sequential scan|lock contention|cache hit ratio|"
          "p99 latency", "queries running slowly|indexing tables|explain plans|contention on locks|"
          "speeding up the database")),
    _t("billing",
       "billing system|payment provider|customer account|billing cycle|accounts receivable|finance team",
       "charging customers|payments and money owed|our billing setup|getting paid",
       "Northwind|Contoso|Fabrikam|Initrode|Vandelay Industries",
       "invoiced|refunded|charged|credited|disputed",
       _s("invoices", "monthly invoice|invoice number|overdue payment|payment terms|purchase order|net 30 terms|"
          "tax line", "invoicing clients|bills that are overdue|late payments|paying within thirty days|"
          "purchase orders for invoices"),
       _s("refunds", "refund request|chargeback|partial refund|disputed charge|credit note|refund policy|"
          "double charge", "refunding money|charges customers disputed|credits issued|"
          "customers charged twice|giving money back"),
       _s("pricing", "subscription plan|annual discount|price increase|seat pricing|free tier|enterprise tier|"
          "usage-based pricing", "what plans cost|raising prices|discounts for yearly subscriptions|"
          "per-seat costs|pricing tiers")),
    _t("security",
       "security team|threat model|audit log|security review|access policy|incident response",
       "keeping systems secure|infosec matters|security posture|protecting our infrastructure",
       "Okta|the VPN|the admin console|GitHub|the bastion host",
       "revoked|patched|audited|rotated|investigated",
       _s("access", "access review|role permissions|single sign-on|admin rights|least privilege|"
          "service account|MFA enrollment", "who can access what|permission levels|signing in once|"
          "administrator privileges|multi-factor authentication"),
       _s("patching", "critical vulnerability|CVE advisory|security patch|dependency upgrade|patch window|"
          "vulnerability scanner|exploit report", "patching vulnerable systems|known exploits|"
          "upgrading dependencies|vulnerabilities found by scanning|security updates"),
       _s("phishing", "phishing email|credential theft|suspicious link|password reset|security awareness training|"
          "reported email|spoofed sender", "emails trying to steal passwords|fake login pages|"
          "suspicious messages people reported|training staff about scams|resetting passwords")),
    _t("hiring",
       "hiring plan|job description|recruiting pipeline|hiring manager|candidate pool|headcount budget",
       "recruiting people|growing the team|filling open roles|talent acquisition",
       "Priya|Daniel|Sofia|Marcus|Lena",
       "interviewed|hired|rejected|referred|screened",
       _s("interviews", "technical interview|interview loop|coding exercise|interview feedback|take-home assignment|"
          "panel interview|scorecard", "interviewing candidates|coding tests|feedback from interviewers|"
          "take-home tasks|scoring candidates"),
       _s("offers", "job offer|salary band|signing bonus|offer letter|equity grant|counteroffer|start date",
          "offering the job|compensation negotiation|salary ranges|bonuses for signing|when they start"),
       _s("onboarding", "onboarding checklist|first week|laptop setup|buddy program|new hire orientation|"
          "welcome session|team introductions", "onboarding new hires|the first days of new employees|"
          "setting up laptops for newcomers|assigning buddies|orientation for new staff")),
    _t("travel",
       "travel plans|trip itinerary|travel budget|business trip|expense report|travel policy",
       "going on trips|journeys abroad|travelling for work|our travel arrangements",
       "Lisbon|Tokyo|Berlin|New York|Singapore",
       "booked|cancelled|rebooked|confirmed|changed",
       _s("flights", "flight booking|layover|boarding pass|seat upgrade|delayed flight|frequent flyer miles|"
          "return flight", "flying there|booking plane tickets|connections between flights|"
          "delays at the airport|airline miles"),
       _s("hotels", "hotel reservation|room rate|late checkout|conference hotel|booking confirmation|"
          "cancellation deadline|breakfast included", "where to stay|reserving rooms|checking out late|"
          "hotels near the conference|cancelling a reservation"),
       _s("visas", "visa application|passport renewal|embassy appointment|invitation letter|entry requirements|"
          "visa fee|processing time", "applying for a visa|renewing passports|appointments at the embassy|"
          "letters of invitation|what is required to enter")),
    _t("cooking",
       "recipe|dinner plans|grocery list|kitchen equipment|cooking class|family meal",
       "making food|what to cook|meals at home|cooking at home",
       "sourdough|lasagna|ramen|paella|banana bread",
       "baked|cooked|prepared|tried|adjusted",
       _s("baking", "sourdough starter|proofing time|oven temperature|whole wheat flour|crusty loaf|"
          "hydration ratio|bread dough", "baking loaves|letting dough rise|how hot the oven is|"
          "flour for bread|feeding the starter"),
       _s("mealprep", "meal prep|batch cooking|lunch containers|weekly menu|freezer portions|protein bowls|"
          "leftovers", "preparing meals ahead|cooking in batches|freezing portions|planning the week's menu|"
          "packed lunches"),
       _s("dinnerparty", "dinner party|guest list|dessert course|wine pairing|vegetarian option|appetizers|"
          "seating plan", "hosting friends for dinner|inviting guests|desserts to serve|"
          "which wine goes with it|starters for guests")),
    _t("gardening",
       "garden beds|planting schedule|garden soil|watering schedule|backyard garden|seed catalog",
       "growing plants|the vegetable patch|yard work|tending the garden",
       "the greenhouse|the allotment|the raised bed|the balcony planters|the orchard",
       "planted|pruned|watered|harvested|mulched",
       _s("vegetables", "tomato seedlings|zucchini plants|cherry tomatoes|pepper plants|crop rotation|"
          "harvest yield|transplanting", "growing tomatoes|vegetables we harvested|rotating crops|"
          "young seedlings|moving plants outdoors"),
       _s("pests", "aphid infestation|slug damage|neem oil|powdery mildew|companion planting|pest control|"
          "leaf spots", "bugs eating the plants|slugs and snails|fungus on leaves|natural pesticides|"
          "keeping pests away"),
       _s("compost", "compost bin|green waste|worm bin|compost pile temperature|leaf mold|kitchen scraps|"
          "turning the compost", "composting scraps|making compost|worms for composting|"
          "rotting leaves|heat in the pile")),
    _t("fitness",
       "training plan|workout routine|fitness goals|gym membership|rest days|heart rate zones",
       "exercising|staying fit|working out|physical training",
       "the marathon|the half marathon|the triathlon|the gym|the 10k race",
       "trained|ran|lifted|stretched|recovered",
       _s("running", "long run|interval session|running pace|weekly mileage|race day|tempo run|running shoes",
          "jogging|running faster|miles per week|speed workouts|the race itself"),
       _s("strength", "strength training|squat form|deadlift|progressive overload|bench press|kettlebell|"
          "core workout", "lifting weights|squatting correctly|heavier lifts|muscle building|abs exercises"),
       _s("injury", "knee injury|physical therapy|shin splints|foam rolling|recovery week|sprained ankle|"
          "mobility drills", "getting injured|physio sessions|sore shins|recovering from injuries|"
          "stretching and mobility")),
    _t("finance",
       "household budget|savings account|financial plan|monthly expenses|emergency fund|net worth",
       "managing money|personal finances|our budget|saving money",
       "Vanguard|the credit union|Fidelity|the bank|the accountant",
       "saved|invested|paid|filed|transferred",
       _s("retirement", "retirement account|index funds|401k contribution|asset allocation|employer match|"
          "pension plan|rebalancing", "saving for retirement|investing in funds|contributions to retirement|"
          "rebalancing investments|pensions"),
       _s("taxes", "tax return|tax deduction|estimated taxes|tax bracket|receipts folder|filing deadline|"
          "tax refund", "filing taxes|deducting expenses|taxes owed|the tax deadline|refunds from taxes"),
       _s("mortgage", "mortgage rate|down payment|refinancing|loan term|closing costs|home appraisal|"
          "monthly payment", "home loans|refinancing the house|paying down the loan|appraising the home|"
          "interest rates on mortgages")),
    _t("ml",
       "machine learning model|training cluster|model registry|feature store|experiment tracking|GPU budget",
       "machine learning work|training models|AI experiments|our ML platform",
       "the ranking model|the churn model|the fraud classifier|the recommender|the vision model",
       "trained|evaluated|retrained|deployed|tuned",
       _s("training", "training run|learning rate|batch size|loss curve|checkpoint|GPU memory|hyperparameter sweep",
          "training runs that diverged|tuning hyperparameters|learning rates|saving checkpoints|"
          "running out of GPU memory"),
       _s("data", "training dataset|data labeling|label noise|annotation guidelines|data augmentation|"
          "class imbalance|validation split", "labeling data|noisy labels|annotating examples|"
          "imbalanced classes|splitting the dataset"),
       _s("evaluation", "evaluation metrics|precision and recall|holdout set|offline evaluation|"
          "A/B test|model drift|benchmark results", "evaluating models|measuring precision|"
          "drifting models|testing models offline|benchmarks")),
    _t("marketing",
       "marketing plan|brand guidelines|campaign budget|target audience|marketing team|product launch",
       "promoting the product|marketing efforts|reaching customers|advertising",
       "the spring launch|the webinar|the newsletter|the conference booth|the rebrand",
       "launched|published|drafted|scheduled|measured",
       _s("email", "email campaign|open rate|subject line|mailing list|unsubscribe rate|drip sequence|newsletter",
          "emailing customers|people opening our emails|subject lines that work|list of subscribers|"
          "automated email sequences"),
       _s("social", "social media post|engagement rate|content calendar|influencer partnership|LinkedIn post|"
          "video clip|follower growth", "posting on social networks|engagement with posts|"
          "influencers|planning content|growing followers"),
       _s("seo", "search ranking|keyword research|landing page|organic traffic|backlinks|page speed|meta description",
          "ranking in search engines|researching keywords|traffic from search|links from other sites|"
          "landing pages")),
    _t("legal",
       "legal review|outside counsel|compliance program|legal team|contract template|risk assessment",
       "legal matters|lawyers|compliance questions|legal obligations",
       "Baker & Finch|the EU regulator|Globo Corp|the landlord|our counsel",
       "signed|reviewed|negotiated|redlined|terminated",
       _s("contracts", "master services agreement|NDA|contract renewal|liability cap|termination clause|"
          "redlines|signature page", "signing agreements|non-disclosure agreements|renewing contracts|"
          "limits on liability|ending an agreement"),
       _s("privacy", "GDPR request|data processing agreement|privacy policy|data retention|"
          "personal data|cookie consent|subject access request", "privacy rules|deleting personal information|"
          "keeping data only as long as needed|consent for cookies|data protection law"),
       _s("ip", "trademark filing|patent application|copyright notice|open source license|license compliance|"
          "brand name|prior art", "trademarks|patents|licensing open source|copyrights|"
          "protecting intellectual property")),
    _t("procurement",
       "purchase request|vendor list|procurement process|budget approval|supplier contract|asset inventory",
       "buying equipment|purchasing|suppliers|getting hardware",
       "Dell|Lenovo|CDW|Supermicro|Apple",
       "ordered|approved|returned|received|quoted",
       _s("laptops", "laptop order|developer laptop|warranty claim|docking station|laptop refresh|monitor|keyboard",
          "new laptops|computers for developers|warranty repairs|docks and monitors|replacing old machines"),
       _s("servers", "rack server|server quote|RAM upgrade|data center space|power budget|NVMe drives|"
          "lead time", "buying servers|rack space|adding memory|solid state storage|how long delivery takes"),
       _s("vendors", "vendor quote|price negotiation|preferred supplier|vendor onboarding|payment schedule|"
          "service level|bulk discount", "quotes from suppliers|negotiating prices|approved vendors|"
          "discounts for volume|adding new suppliers")),
    _t("support",
       "support team|help desk|customer ticket|support queue|knowledge base|customer satisfaction",
       "helping customers|customer service|support requests|answering users",
       "Zendesk|Northwind|the Pro plan customers|Blue Harbor|the enterprise accounts",
       "escalated|resolved|answered|reopened|triaged",
       _s("escalation", "escalated ticket|severity one|engineering escalation|incident bridge|customer outage|"
          "workaround|root cause", "tickets that went to engineering|urgent customer problems|outages for customers|"
          "temporary fixes|why it broke"),
       _s("sla", "response time|SLA breach|first reply|resolution time|support hours|on-call support|"
          "service credits", "how fast we reply|missing the service level agreement|time to resolve|"
          "credits for breaches|hours we cover"),
       _s("feedback", "customer feedback|NPS survey|feature request|churn risk|user interview|"
          "satisfaction score|complaint", "what customers think|surveys|requests for features|"
          "customers likely to leave|complaints from users")),
    _t("music",
       "practice routine|music lessons|band rehearsal|setlist|music theory|recording gear",
       "playing music|making music|practising instruments|the band",
       "the Fender|the upright piano|the jazz trio|the choir|the studio",
       "practised|recorded|played|rehearsed|tuned",
       _s("guitar", "guitar scales|chord progression|fingerpicking|barre chords|metronome|guitar strings|capo",
          "playing guitar|chords|picking patterns|keeping time|restringing"),
       _s("concerts", "live gig|sound check|venue booking|concert tickets|stage monitor|encore|opening act",
          "performing live|gigs|booking venues|checking sound before the show|tickets for the show"),
       _s("recording", "home studio|audio interface|microphone placement|mixing session|mastering|"
          "drum tracks|vocal take", "recording songs|mixing tracks|placing microphones|"
          "mastering the album|recording vocals")),
)
# fmt: on

TENANTS = ("acme", "globex", "initech", "umbrella", "hooli")
TOPICS_PER_TENANT = 11
PEOPLE = (
    "Alice", "Bruno", "Chen", "Dana", "Emeka", "Farah", "Gustav", "Hana", "Ivan", "Jade",
    "Kofi", "Lucia", "Mateo", "Nadia", "Omar", "Petra", "Quinn", "Rosa", "Sven", "Tariq",
)  # fmt: skip
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PERIODS = ("week", "month", "quarter", "sprint")
MEETINGS = ("weekly sync", "planning meeting", "retro", "one-on-one", "standup", "review call")
ADJECTIVES = ("risky", "fine", "slow", "unclear", "promising", "expensive", "urgent", "stable")
SOURCES = ("chat", "email", "meeting-notes", "ticket", "doc", "voice-note")

EPISODIC = (
    "On {day} {person} {action} the {t1} for {entity}.",
    "{person} mentioned that the {t1} still needs work before the {t2} is ready.",
    "In the {meeting} we talked through the {t1} and agreed to look at the {t2} again next {period}.",
    "{person} flagged a problem with the {t1}; it may affect the {t2}.",
    "Yesterday {person} {action} the {t1} and shared notes on the {t2}.",
    "{person} and {person2} {action} the {t1} together after the {meeting}.",
    "We discussed the {t1} with {entity} and the {t2} looked {adjective}.",
)
SEMANTIC = (
    "The {t1} for {entity} depends on the {t2}.",
    "As a rule, every {t1} needs a {t2} first.",
    "{entity} owns the {t1}, and {person} is the contact for the {t2}.",
    "Remember that the {t1} is reviewed every {period}.",
    "The preferred approach to the {t1} is to start with the {t2}.",
    "Our {t1} is considered {adjective} until the {t2} is settled.",
)
CONTEXT = (
    "It is part of the wider {tt} work.",
    "This also touches the {tt}.",
    "{person} keeps track of the {tt}.",
    "The {tt} came up again as well.",
)
FILLER = (
    "{person} will send a summary afterwards.",
    "Nothing else was decided.",
    "Follow up by {day}.",
    "The notes are in the shared folder.",
    "Nobody had objections.",
    "More on this next {period}.",
)
GENERAL = (
    "{person} is out of office until {day}.",
    "The office coffee machine is broken again.",
    "{person} moved the {meeting} to {day} afternoon.",
    "Reminder: the team lunch is on {day}.",
    "{person} shared a funny video in the team channel.",
    "The Wi-Fi on the third floor is unreliable.",
)
TOPIC_QUERIES = ("{p1}", "anything about {p1}", "notes on {p1} and {tt}", "what do we know about {p1}?", "{tt}: {p1}")
SUBTOPIC_QUERIES = (
    "{p1}",
    "what did we decide about {p1}?",
    "{p1} and {p2}",
    "notes about {p1}, especially {term}",
    "{term} — {p1}",
    "remind me about {p1}",
)
SPECIFIC_QUERIES = (
    "{entity} {p1}",
    "what happened with {entity} and {p1}?",
    "{entity}: {term}",
    "{p1} for {entity}",
)

EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


class _Writer:
    """Fills templates from one topic's vocabulary with a shared RNG."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def fill(self, template: str, topic: Topic, sub: Subtopic | None, entity: str | None, **extra: str) -> str:
        rng = self.rng
        pool = sub.terms if sub else topic.terms
        t1, t2 = rng.sample(pool, 2)
        person, person2 = rng.sample(PEOPLE, 2)
        values = {
            "t1": t1,
            "t2": t2,
            "tt": rng.choice(topic.terms),
            "person": person,
            "person2": person2,
            "entity": entity or rng.choice(topic.entities),
            "action": rng.choice(topic.actions),
            "day": rng.choice(DAYS),
            "period": rng.choice(PERIODS),
            "meeting": rng.choice(MEETINGS),
            "adjective": rng.choice(ADJECTIVES),
        }
        values.update(extra)
        text = template.format(**values)
        return text[0].upper() + text[1:]


def _memory_text(writer: _Writer, topic: Topic, sub: Subtopic, kind: str, entity: str | None) -> str:
    rng = writer.rng
    templates = EPISODIC if kind == "episodic" else SEMANTIC
    # Only a memory about an entity names one (first sentence), so the entity labels of specific queries hold.
    naming = [t for t in templates if "{entity}" in t]
    plain = [t for t in templates if "{entity}" not in t]
    sentences = [writer.fill(rng.choice(naming if entity else plain), topic, sub, entity)]
    if rng.random() < 0.6:
        sentences.append(writer.fill(rng.choice(plain), topic, sub, entity))
    if rng.random() < 0.5:
        sentences.append(writer.fill(rng.choice(CONTEXT), topic, None, entity))
    if rng.random() < 0.4:
        sentences.append(writer.fill(rng.choice(FILLER), topic, None, entity))
    return " ".join(sentences)


def _assign_topics(rng: random.Random, tenants: Sequence[str]) -> dict[str, list[Topic]]:
    """Each tenant gets TOPICS_PER_TENANT topics; every topic is held by at least two tenants (the decoys)."""
    while True:
        chosen = {t: rng.sample(TOPICS, TOPICS_PER_TENANT) for t in tenants}
        holders = {topic.key: sum(topic in c for c in chosen.values()) for topic in TOPICS}
        if min(holders.values()) >= 2:
            return chosen


def generate_memories(
    rng: random.Random, tenant: str, topics: Sequence[Topic], per_subtopic: tuple[int, int], start: int
) -> list[CapsuleMemory]:
    """A tenant's memories on its topics, plus about 4% of off-topic chatter that no query asks for."""
    writer = _Writer(rng)
    memories: list[CapsuleMemory] = []

    def add(text: str, kind: str, metadata: dict[str, str]) -> None:
        number = start + len(memories)
        created = EPOCH + timedelta(minutes=rng.randrange(180 * 24 * 60))
        memories.append(CapsuleMemory(f"{tenant}-{number:06d}", tenant, text, kind, metadata, created))

    for topic in topics:
        for sub in topic.subtopics:
            for _ in range(rng.randint(*per_subtopic)):
                kind = "episodic" if rng.random() < 0.6 else "semantic"
                entity = rng.choice(topic.entities) if rng.random() < 0.4 else None
                metadata = {"topic": topic.key, "subtopic": sub.key, "source": rng.choice(SOURCES)}
                if entity:
                    metadata["entity"] = entity
                add(_memory_text(writer, topic, sub, kind, entity), kind, metadata)
    for _ in range(max(1, len(memories) // 25)):
        add(writer.fill(rng.choice(GENERAL), topics[0], None, None), "episodic", {"topic": "general", "source": "chat"})
    return memories


#: Share of queries typed with one misspelt word, as people type them: what character n-grams are for.
TYPO_RATE = 0.2


def _typo(rng: random.Random, text: str) -> str:
    """The text with one longer word misspelt: two letters swapped, one dropped or one doubled."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z]{6,}", text)]
    if not spans:
        return text
    start, end = rng.choice(spans)
    word = text[start:end]
    i = rng.randrange(1, len(word) - 2)
    edit = rng.randrange(3)
    if edit == 0:
        word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    elif edit == 1:
        word = word[:i] + word[i + 1 :]
    else:
        word = word[:i] + word[i] + word[i:]
    return text[:start] + word + text[end:]


def _queries(
    rng: random.Random, tenant: str, topics: Sequence[Topic], memories: Sequence[CapsuleMemory]
) -> list[CapsuleQuery]:
    writer = _Writer(rng)
    queries: list[CapsuleQuery] = []
    for topic in topics:
        relevant = frozenset(m.id for m in memories if m.metadata["topic"] == topic.key)
        p1 = rng.choice(topic.paraphrases)
        text = writer.fill(rng.choice(TOPIC_QUERIES), topic, None, None, p1=p1)
        queries.append(CapsuleQuery(tenant, text, relevant, "topic"))
        for sub in topic.subtopics:
            relevant = frozenset(m.id for m in memories if m.metadata.get("subtopic") == sub.key)
            for _ in range(2):
                p1, p2 = rng.sample(sub.paraphrases, 2)
                template = rng.choice(SUBTOPIC_QUERIES)
                text = writer.fill(template, topic, sub, None, p1=p1, p2=p2, term=rng.choice(sub.terms))
                queries.append(CapsuleQuery(tenant, text, relevant, "subtopic"))
    specific: list[CapsuleQuery] = []
    combos = [(topic, sub, entity) for topic in topics for sub in topic.subtopics for entity in topic.entities]
    rng.shuffle(combos)
    for topic, sub, entity in combos:
        relevant = frozenset(
            m.id for m in memories if m.metadata.get("subtopic") == sub.key and m.metadata.get("entity") == entity
        )
        if not relevant:
            continue
        template = rng.choice(SPECIFIC_QUERIES)
        text = writer.fill(template, topic, sub, entity, p1=rng.choice(sub.paraphrases), term=rng.choice(sub.terms))
        specific.append(CapsuleQuery(tenant, text, relevant, "specific"))
        if len(specific) >= 40:
            break
    return [
        CapsuleQuery(q.tenant, _typo(rng, q.text), q.relevant, q.kind) if rng.random() < TYPO_RATE else q
        for q in queries + specific
    ]


def build_capsule(seed: int = 7) -> Capsule:
    """The capsule for a seed: 5 tenants x 11 of 16 topics x 3 sub-topics, about 2,400 memories, 580 queries."""
    rng = random.Random(seed)
    assignment = _assign_topics(rng, TENANTS)
    memories: list[CapsuleMemory] = []
    queries: list[CapsuleQuery] = []
    for tenant in TENANTS:
        own = generate_memories(rng, tenant, assignment[tenant], (11, 17), len(memories))
        memories.extend(own)
        queries.extend(_queries(rng, tenant, assignment[tenant], own))
    return Capsule(seed, TENANTS, tuple(memories), tuple(queries), {m.id: m for m in memories})


def synthetic_corpus(size: int, seed: int = 7, tenant: str = "bench") -> tuple[list[CapsuleMemory], list[CapsuleQuery]]:
    """One tenant with about `size` capsule-like memories on all 16 topics, and its labelled queries (for bench)."""
    rng = random.Random(seed)
    per_subtopic = max(1, round(size / (len(TOPICS) * 3) / 1.04))
    memories = generate_memories(rng, tenant, TOPICS, (per_subtopic, per_subtopic), 0)
    return memories, _queries(rng, tenant, TOPICS, memories)


def recall_at_k(ranked: Sequence[Sequence[str]], relevant: Sequence[set[str] | frozenset[str]], k: int) -> float:
    """Mean over queries of |relevant in top k| / min(k, |relevant|): 1.0 when the top k is as good as it can be.

    Capping the denominator at k keeps broad queries (dozens of relevant memories) on the same 0..1 scale.
    Queries without relevant memories are skipped.
    """
    scores = [len(set(r[:k]) & rel) / min(k, len(rel)) for r, rel in zip(ranked, relevant, strict=True) if rel]
    return sum(scores) / len(scores) if scores else 0.0


def mrr(ranked: Sequence[Sequence[str]], relevant: Sequence[set[str] | frozenset[str]], k: int | None = None) -> float:
    """Mean reciprocal rank of the first relevant result (0 for a query whose top k holds none)."""
    total, count = 0.0, 0
    for r, rel in zip(ranked, relevant, strict=True):
        if not rel:
            continue
        count += 1
        for rank, item in enumerate(r[:k] if k else r, start=1):
            if item in rel:
                total += 1.0 / rank
                break
    return total / count if count else 0.0
