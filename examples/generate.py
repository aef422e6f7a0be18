"""Generate the brandpulse example data set: ten weeks of posts about four fictional brands.

Deterministic: the same --seed and --n give a byte-identical file.

    python examples/generate.py                      # writes examples/posts.csv
    python examples/generate.py --n 5000 --seed 7 -o /tmp/posts.csv
    python examples/generate.py --labels /tmp/labels.csv   # also write the ground truth

Brands (all fictional): airlines Skyway (own, @SkywayAir) and Aerolux (competitor, @Aerolux);
food delivery QuickBite (own, @QuickBite) and FeastNow (competitor, @FeastNow).
Week 7 (2026-10-12 .. 10-18) holds a Skyway incident: an IT outage grounds flights and strands bags,
so Skyway volume triples and turns mostly negative. The last week is an ordinary quiet week.

The output follows brandpulse/schema.py: post_id, platform, created_at (ISO 8601 UTC, "Z"), author,
author_followers, text, url, lang, likes, reposts, replies, parent_id. Twitter and Mastodon ids are
18-19 digit snowflakes (read them as strings), Reddit ids are base36, Bluesky ids are at:// URIs and
YouTube ids are comment ids. Unknown counts (Reddit followers and reposts, YouTube reposts) are empty.

The optional --labels file holds what the generator meant for every distinct post: the brands it is
about (for the brands' own replies, the brand speaking), the template's sentiment as a reader would
judge it (sarcasm is negative; comparisons are "mixed") and its kind (complaint, praise, trap, ...).
"""

from __future__ import annotations

import argparse
import csv
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

START = datetime(2026, 8, 31, tzinfo=UTC)  # a Monday
WEEKS = 10
END = START + timedelta(weeks=WEEKS)  # exclusive: the last post is on Sunday 2026-11-08
SPIKE_WEEK = 7  # 1-based: 2026-10-12 .. 2026-10-18
SPIKE_START = START + timedelta(weeks=SPIKE_WEEK - 1)
INCIDENT_AT = SPIKE_START + timedelta(days=1, hours=5, minutes=40)  # Tue 2026-10-13 05:40Z
SPIKE_END = SPIKE_START + timedelta(weeks=1)

HERE = Path(__file__).resolve().parent
COLUMNS = [
    "post_id",
    "platform",
    "created_at",
    "author",
    "author_followers",
    "text",
    "url",
    "lang",
    "likes",
    "reposts",
    "replies",
    "parent_id",
]

# --------------------------------------------------------------------------------------------- brands

#: name -> (domain, own handle, competitor, surface forms with weights)
BRANDS: dict[str, dict] = {
    "Skyway": {
        "domain": "air",
        "handle": "SkywayAir",
        "rival": "Aerolux",
        "forms": [
            ("Skyway", 55),
            ("Skyway Air", 12),
            ("skyway", 10),
            ("SKYWAY", 3),
            ("#SkywayAir", 8),
            ("@SkywayAir", 12),
        ],
        "possessive": [("Skyway's", 70), ("skyway's", 15), ("Skyway Air's", 15)],
    },
    "Aerolux": {
        "domain": "air",
        "handle": "Aerolux",
        "rival": "Skyway",
        "forms": [("Aerolux", 70), ("aerolux", 12), ("@Aerolux", 10), ("#Aerolux", 8)],
        "possessive": [("Aerolux's", 85), ("aerolux's", 15)],
    },
    "QuickBite": {
        "domain": "food",
        "handle": "QuickBite",
        "rival": "FeastNow",
        "forms": [("QuickBite", 60), ("Quickbite", 10), ("quickbite", 10), ("@QuickBite", 12), ("#QuickBite", 8)],
        "possessive": [("QuickBite's", 75), ("quickbite's", 10), ("Quickbite's", 15)],
    },
    "FeastNow": {
        "domain": "food",
        "handle": "FeastNow",
        "rival": "QuickBite",
        "forms": [("FeastNow", 65), ("Feastnow", 10), ("feastnow", 10), ("@FeastNow", 8), ("#FeastNow", 7)],
        "possessive": [("FeastNow's", 85), ("feastnow's", 15)],
    },
}
OWN_BRANDS = ("Skyway", "QuickBite")

# ------------------------------------------------------------------------------------------ templates
# {B} brand form, {Bp} possessive, {C} the rival brand, {H} the brand's handle (without "@").
# Each entry: (sentiment, kind, text). Sentiment is what a human reader would say.

AIR = [
    # complaints
    (
        "negative",
        "complaint",
        "{B} delayed my flight to {city} by {hours} hours and nobody at the gate could tell us why",
    ),
    ("negative", "complaint", "{hours} hours on the tarmac in {city}. thanks for nothing {B}"),
    ("negative", "complaint", "{B} cancelled my {city} flight with 40 minutes notice. no hotel, no voucher, nothing"),
    ("negative", "complaint", '{B} lost my bag. Again. Day {days} and the tracker still says "in transit"'),
    (
        "negative",
        "complaint",
        "the gate agent for {B} in {city} was incredibly rude to an elderly couple. unacceptable",
    ),
    ("negative", "complaint", "{Bp} app crashed three times while I was trying to check in"),
    ("negative", "complaint", "{B} refused my refund for a flight THEY cancelled. how is that legal?"),
    ("negative", "complaint", "paid ${price} for a {B} seat that doesn't recline and a sticky tray table"),
    ("negative", "complaint", "tried to change my {B} booking online, got charged twice and the booking vanished"),
    ("negative", "complaint", "the {B} cabin was filthy, crumbs everywhere and the toilet out of order"),
    ("negative", "complaint", "{B} customer service hold time: {mins} minutes and counting"),
    ("negative", "complaint", "seat map on {Bp} website is broken, can't pick a seat for my {city} trip"),
    ("negative", "complaint", "{B} overbooked the {city} flight and bumped me. worst airline experience in years"),
    ("negative", "complaint", "why does {B} charge ${fee} for a carry-on now? ridiculous"),
    ("negative", "complaint", "the {B} plane to {city} smelled of fuel and the crew shrugged it off. honestly scary"),
    ("negative", "complaint", "nobody on the {B} crew checked seatbelts in heavy turbulence. felt unsafe"),
    ("negative", "complaint", "{B} damaged my wheelchair on the way to {city}. this is not okay"),
    ("negative", "complaint", "flight {flight} with {B}: delayed, then delayed again, then cancelled"),
    ("negative", "complaint", "{Bp} booking site keeps timing out at payment. lost the fare I wanted"),
    ("negative", "complaint", "the {B} lounge in {city} was dirty and out of food by 9am"),
    # praise
    ("positive", "praise", "shoutout to the {B} crew on the {city} flight, they were amazing with my kids"),
    ("positive", "praise", "{B} rebooked me in two minutes after a missed connection. great service"),
    ("positive", "praise", "smooth flight to {city} with {B}, landed {mins} minutes early"),
    ("positive", "praise", "love {Bp} new app, check-in took 30 seconds"),
    ("positive", "praise", "{B} found my bag and delivered it to my hotel the same night. impressed"),
    ("positive", "praise", "the {B} lounge in {city} is honestly lovely"),
    ("positive", "praise", "gate agent in {city} went above and beyond to get me on the last {B} flight. thank you!"),
    ("positive", "praise", "{B} refunded my cancelled trip within a week, no fuss"),
    ("positive", "praise", "clean plane, friendly staff, good coffee. {B} doing it right"),
    ("positive", "praise", "best legroom I've had in economy, nice one {B}"),
    ("positive", "praise", "{B} upgraded me for my birthday and the crew brought a card. best day"),
    # questions
    ("neutral", "question", "does anyone know if {B} lets you gate-check a stroller?"),
    ("neutral", "question", "how do I add my frequent flyer number to a {B} booking made through an agency?"),
    ("neutral", "question", "does {B} fly direct from {city} to {city2}?"),
    ("neutral", "question", "anyone know what {Bp} baggage allowance is for basic economy?"),
    ("neutral", "question", "how early should I get to {city} airport for a {B} international flight?"),
    ("neutral", "question", "does anyone know if {B} still does free snacks on short flights?"),
    ("neutral", "question", "how do I get a receipt for a {B} flight I booked with points?"),
    # suggestions
    ("neutral", "suggestion", "{B} you should add a live bag tracker to the app"),
    ("neutral", "suggestion", "please add more vegetarian meals on {B} long haul flights"),
    ("neutral", "suggestion", "wish {B} had wifi on the {city} route"),
    ("neutral", "suggestion", "{B} should let you pick a seat for free when they change your flight"),
    ("neutral", "suggestion", "{B} please add Apple Wallet boarding passes for connecting flights"),
    # purchase intent
    ("neutral", "intent", "thinking of booking {B} to {city} in december, any experiences?"),
    ("neutral", "intent", "looking at {B} flights to {city} for our honeymoon. worth it?"),
    ("neutral", "intent", "about to book {B} for the first time, anything I should know?"),
    ("neutral", "intent", "{B} has a sale to {city} this week, might finally take that trip"),
    # news
    ("neutral", "news", "{B} announces a new route from {city} to {city2} starting in spring"),
    ("neutral", "news", "{B} adds {n} new aircraft to its fleet, according to a press release"),
    # sarcasm (negative intent, positive words)
    ("negative", "sarcasm", "great, another {B} delay. love that for me"),
    ("negative", "sarcasm", "wow {B}, a {hours} hour delay, truly the best airline in the world"),
    ("negative", "sarcasm", "nothing says relaxing holiday like {B} losing your luggage. thanks so much"),
    ("negative", "sarcasm", "oh good, {Bp} app crashed right at the gate. perfect timing"),
    ("negative", "sarcasm", "{B} really outdid themselves: cancelled, rebooked, cancelled again. impressive"),
]

FOOD = [
    # complaints
    ("negative", "complaint", "{B} order took {mins} minutes and arrived cold"),
    ("negative", "complaint", "{Bp} app crashed at checkout and charged me anyway"),
    ("negative", "complaint", "my {B} driver ate half my fries, I'm not even joking"),
    ("negative", "complaint", "{B} refused a refund for an order that never arrived"),
    ("negative", "complaint", "got someone else's order from {B} again. second time this week"),
    ("negative", "complaint", "{B} delivery fee was ${fee} for a one mile delivery. no thanks"),
    ("negative", "complaint", "the {item} from {B} was soggy and clearly old"),
    ("negative", "complaint", "found a hair in my {B} {item}. disgusting"),
    ("negative", "complaint", "{B} support chatbot keeps closing my ticket without an answer"),
    ("negative", "complaint", "{B} driver left my food in the rain and marked it delivered"),
    ("negative", "complaint", "{Bp} prices went up again, a {item} now costs ${price}"),
    ("negative", "complaint", "the bag from {B} was leaking and the container was dirty"),
    ("negative", "complaint", "{B} order had undercooked chicken. that's a food safety problem"),
    ("negative", "complaint", "{Bp} app logged me out and lost my saved address again"),
    ("negative", "complaint", 'ordered {B} at 7, it\'s 9 and the app still says "preparing"'),
    # praise
    ("positive", "praise", "{B} got my {item} here in {mins} minutes, still hot. wow"),
    ("positive", "praise", "love the new {B} app update, reordering is so easy now"),
    ("positive", "praise", "{B} refunded a missing item instantly, great support"),
    ("positive", "praise", "our {B} driver walked up five flights of stairs in the rain. legend"),
    ("positive", "praise", "{B} deals on {weekday}s are unbeatable"),
    ("positive", "praise", "best {item} I've had in ages, ordered through {B}"),
    ("positive", "praise", "{B} delivered during the storm and the food was perfect. thank you"),
    # questions
    ("neutral", "question", "does anyone know if {B} delivers to the airport hotels in {city}?"),
    ("neutral", "question", "how do I cancel a {B} order after the restaurant accepted it?"),
    ("neutral", "question", "does {B} have a student discount?"),
    ("neutral", "question", "how do I change the tip on a {B} order after delivery?"),
    ("neutral", "question", "is {B} available in {city} yet?"),
    # suggestions
    ("neutral", "suggestion", "{B} please add a vegan filter"),
    ("neutral", "suggestion", "wish {B} had group orders for the office"),
    ("neutral", "suggestion", "{B} you should add tipping after delivery, not before"),
    ("neutral", "suggestion", '{B} should show the real delivery time instead of "15-25 min"'),
    # purchase intent
    ("neutral", "intent", "thinking of getting {B} Plus, is it worth it?"),
    ("neutral", "intent", "might try {B} tonight, any restaurant recommendations in {city}?"),
    # news
    ("neutral", "news", "{B} launches grocery delivery in {city} this month"),
    # sarcasm
    ("negative", "sarcasm", 'great, {B} says "arriving now" for the 40th minute in a row'),
    ("negative", "sarcasm", "love paying ${fee} in fees for a cold {item}. thanks {B}"),
    ("negative", "sarcasm", "{B} delivered my soup upside down. very creative"),
    ("negative", "sarcasm", "wow {B}, only {mins} minutes late this time. progress"),
]

#: Posts that start by addressing the brand's account (twitter only); {H} is the handle.
DIRECT = {
    "air": [
        ("negative", "complaint", "@{H} my bag is lost, file reference {ref}. please help"),
        ("negative", "complaint", "@{H} why is my flight to {city} still showing delayed with no reason?"),
        ("negative", "complaint", "@{H} been on hold {mins} minutes. is anyone there?"),
        ("negative", "complaint", "@{H} your app won't load my boarding pass and boarding starts in 10"),
        ("positive", "praise", "@{H} thank you for sorting out my rebooking so quickly!"),
        ("neutral", "question", "@{H} can I bring a guitar as cabin baggage on flight {flight}?"),
    ],
    "food": [
        ("negative", "complaint", "@{H} order #{order} never arrived and the app says delivered"),
        ("negative", "complaint", "@{H} refund please, order #{order} was missing half the items"),
        ("positive", "praise", "@{H} your driver was so kind today, thank you"),
        ("neutral", "question", "@{H} is there a way to schedule an order for tomorrow?"),
    ],
}

#: Two brands of one domain: {B} and {C} are the pair, in a random order.
COMPARE = {
    "air": [
        ("mixed", "comparison", "switched from {C} to {B}, best decision ever"),
        ("mixed", "comparison", "{B} vs {C} to {city}: {B} was cheaper but {C} had better seats"),
        ("mixed", "comparison", "never flying {C} again. {B} from now on"),
        ("mixed", "comparison", "{C} lost my bag twice this year, {B} never has. just saying"),
        ("mixed", "comparison", "flew {B} out and {C} back. {C} was on time, {B} was 3 hours late"),
        ("neutral", "intent", "which is better for {city}, {B} or {C}?"),
        ("neutral", "intent", "choosing between {B} and {C} for a family trip, which has better legroom?"),
    ],
    "food": [
        ("mixed", "comparison", "switched from {C} to {B}, best decision ever"),
        ("mixed", "comparison", "{C} took 90 minutes, {B} took 25. not even close"),
        ("mixed", "comparison", "{B} is cheaper but {C} has way more restaurants"),
        ("mixed", "comparison", "deleted {C}. {B} from now on"),
        ("neutral", "intent", "which is better, {B} or {C}? moving to {city} next month"),
    ],
}

#: The week-7 Skyway incident.
INCIDENT = [
    ("negative", "incident", "{B} system outage has grounded every flight out of {city}. no info, no staff, nothing"),
    ("negative", "incident", "{hours} hours stuck in {city} because {Bp} systems are down. this is a disaster"),
    ("negative", "incident", '{B} says "IT outage". my bag is somewhere in {city} and nobody knows where'),
    ("negative", "incident", "hundreds of bags piled up at baggage claim in {city}, all {B}. unbelievable"),
    ("negative", "incident", "{B} cancelled ALL flights from {city} today. missed my sister's wedding"),
    ("negative", "incident", "day {days} without my luggage after the {B} meltdown. not one update"),
    ("negative", "incident", "{B} outage day 2: still no refunds, still no answers"),
    ("negative", "incident", "{Bp} CEO apology video is nice but where are our bags?"),
    ("negative", "incident", "{Bp} app just shows an error page. can't rebook, can't call, can't leave"),
    ("negative", "incident", "slept on the floor at {city} airport thanks to {B}. kids too"),
    ("negative", "incident", "{B} lost my bag in the outage and now says it could take 3 weeks. awful"),
    (
        "negative",
        "incident",
        '{B} refuses to pay for hotels because the outage was "out of their control". it was their own system',
    ),
    ("negative", "sarcasm", "great, {B} grounded again. so reliable"),
    ("negative", "sarcasm", "love how {B} turned a 2 hour flight into a 3 day adventure"),
    ("neutral", "question", "is {B} flying at all today? the board says cancelled for everything"),
    ("neutral", "question", "does anyone know how to claim compensation from {B} for the outage?"),
    (
        "positive",
        "praise",
        "the {B} staff in {city} are doing their best, it's the systems that failed. be kind to them",
    ),
]
INCIDENT_DIRECT = [
    ("negative", "incident", "@{H} my bag is lost, your phone line is dead and the app shows an error. what now?"),
    ("negative", "incident", "@{H} 14 hours at the gate, no food vouchers, no updates. do better"),
    ("negative", "incident", "@{H} when will you actually refund the flights you cancelled on tuesday?"),
]
INCIDENT_COMPARE = [  # negative for Skyway, the brand the labels follow here
    ("negative", "comparison", "never flying {B} again after this week. switching to {C}"),
    ("negative", "comparison", "{C} rebooked me in 20 minutes while {B} still can't find my bag"),
]
#: Retweet-style copies: identical texts under different ids and authors.
VIRAL = [
    (
        "Skyway",
        "negative",
        "incident",
        "Skyway stranded thousands, lost hundreds of bags and won't answer "
        "the phone. RT if you're still waiting. #SkywayAir #SkywayFail",
    ),
    (
        "Skyway",
        "neutral",
        "news",
        "RT @AvgeekDaily: Skyway confirms an IT outage has grounded flights "
        "nationwide; checked bags delayed at several hubs",
    ),
]
PROMO = ("QuickBite", "positive", "promo", "Get 50% off your first @QuickBite order with code BITE50 🍔 #ad")

#: Not about any configured brand.
NONE = [
    ("neutral", "none", "flight to {city} was fine, nothing to report"),
    ("negative", "none", "airport food prices are out of control"),
    ("neutral", "none", "cooking at home tonight, done with delivery apps for a while"),
    ("positive", "none", "finally home after two weeks in {city}. what a trip"),
    ("neutral", "none", "does anyone know a good pizza place near the station in {city}?"),
    ("negative", "none", "security line at {city} airport is over an hour right now"),
    ("positive", "none", "the best {item} in {city} is at the tiny place next to the market"),
    ("neutral", "none", "how do I get from {city} airport to downtown without a car?"),
]
#: Near-misses a brand matcher must not count (names inside other words, spaced words, excluded phrases).
TRAPS = [
    ("positive", "trap", "the sky was clear all the way to {city}, gorgeous views"),
    ("negative", "trap", "traffic backed up on the Sunshine Skyway Bridge again, avoid it if you can"),
    ("neutral", "trap", "the skyway bridge is closed for wind this afternoon, take the long way"),
    ("positive", "trap", "the Minneapolis skyways are a lifesaver in january"),
    ("positive", "trap", "#quickbites: 5-minute avocado toast for busy mornings"),
    ("neutral", "trap", "grabbed a quick bite at the airport before boarding"),
    ("positive", "trap", "feasting now on leftover birthday cake"),
    ("positive", "trap", "the Aeroluxe suitcase sale ends tonight, 30% off everything"),
]
#: Mentions the airline and the excluded bridge: the airline occurrence still counts.
BRIDGE_AND_BRAND = (
    "negative",
    "complaint",
    "flew {B} into Tampa and then sat on the Skyway Bridge for an hour. welcome to florida",
)

#: Other languages: (lang, domain, sentiment, text). Domain "inc" is the Skyway incident.
FOREIGN = [
    ("es", "air", "negative", "{B} me canceló el vuelo a {city} sin avisar. Vergonzoso."),
    ("es", "air", "negative", "Perdieron mi maleta, {B}. Tres días sin respuesta."),
    ("es", "air", "positive", "Muy buen servicio de {B}, el vuelo llegó puntual."),
    ("es", "air", "neutral", "¿Alguien sabe si {B} permite llevar mascotas en cabina?"),
    ("es", "food", "negative", "El pedido de {B} llegó frío y tarde. Nunca más."),
    ("es", "food", "positive", "{B} siempre rápido, me encanta 😍"),
    ("fr", "air", "negative", "Vol {B} annulé encore une fois. Aucune explication."),
    ("fr", "air", "positive", "Merci {B}, équipage adorable et vol à l'heure."),
    ("fr", "air", "neutral", "Quelqu'un sait si {B} rembourse les vols retardés ?"),
    ("fr", "food", "negative", "Commande {B} arrivée froide, très déçu."),
    ("fr", "food", "positive", "Livraison {B} super rapide ce soir !"),
    ("de", "air", "negative", "{B} hat meinen Koffer verloren. Seit vier Tagen keine Antwort."),
    ("de", "air", "positive", "Pünktlich und freundlich, danke {B}!"),
    ("de", "air", "neutral", "Weiß jemand, ob {B} direkt nach {city} fliegt?"),
    ("de", "food", "negative", "{B} Lieferung nach 70 Minuten, Essen kalt. Ärgerlich."),
    ("de", "food", "positive", "{B} war heute richtig schnell, top!"),
    ("pt", "air", "negative", "A {B} atrasou meu voo em {hours} horas. Que absurdo."),
    ("pt", "air", "positive", "Adorei voar com a {B}, equipe muito atenciosa."),
    ("pt", "food", "negative", "Meu pedido do {B} chegou frio de novo."),
    ("pt", "food", "positive", "{B} entregou rapidinho, recomendo!"),
    ("ja", "air", "negative", "{B}の便が欠航になった…返金もまだ。"),
    ("ja", "air", "positive", "{B}のアプリ、使いやすくなった！"),
    ("ja", "food", "negative", "{B}で頼んだ料理が冷めてた。"),
    ("es", "inc", "negative", "Caída del sistema de {B}: todos los vuelos en tierra en {city}. Un caos."),
    ("fr", "inc", "negative", "Panne informatique chez {B}, aucun vol ne décolle, bagages perdus."),
    ("de", "inc", "negative", "Systemausfall bei {B}: alle Flüge gestrichen, Gepäck verschwunden."),
    ("pt", "inc", "negative", "Pane no sistema da {B}, voos cancelados e malas perdidas. Vergonha."),
]
FOREIGN_LANG_WEIGHTS = {"es": 30, "fr": 22, "de": 20, "pt": 20, "ja": 8}

OWN_REPLIES = {
    "Skyway": [
        "We're sorry about this. Please DM us your booking reference and we'll take a look. ^{init}",
        "Sorry for the trouble. Our baggage team is on it; DM us your file reference. ^{init}",
        "That's not the experience we want for you. Please send us a DM so we can help. ^{init}",
    ],
    "Skyway-incident": [
        "We're very sorry. A system outage is affecting flights; updates at skyway.example/status ^{init}",
        "We apologise for the disruption. Rebooking and refunds: skyway.example/help ^{init}",
    ],
    "QuickBite": [
        "Sorry your order wasn't right! Please DM us the order number and we'll sort it out. ^{init}",
        "That's not okay, we're sorry. Refund requests go through quickbite.example/help ^{init}",
    ],
}

CITIES = [
    "Denver",
    "Chicago",
    "Boston",
    "Seattle",
    "Atlanta",
    "Dallas",
    "Phoenix",
    "Miami",
    "Austin",
    "Portland",
    "Toronto",
    "London",
    "Dublin",
    "Madrid",
    "Lisbon",
    "Berlin",
    "Paris",
    "New York",
    "San Diego",
    "Minneapolis",
]
ITEMS = [
    "burger",
    "pad thai",
    "pizza",
    "burrito",
    "ramen",
    "sushi",
    "salad",
    "curry",
    "fried chicken",
    "poke bowl",
    "tacos",
    "falafel wrap",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
EMOJI = {
    "negative": ["😡", "🤬", "😤", "🙄", "😩", "💀", "👎"],
    "positive": ["❤️", "🙌", "😍", "👏", "✨", "🔥"],
    "neutral": ["🤔", "👀", "🙏"],
    "sarcasm": ["🙃", "👏", "🤡", "😂"],
}
OPENERS = {
    "negative": [
        "ugh.",
        "unreal.",
        "so",
        "PSA:",
        "honestly",
        "seriously,",
        "not again.",
        "cool cool.",
        "day ruined:",
        "rant:",
    ],
    "positive": ["ok", "honestly", "not gonna lie,", "small win:", "credit where it's due:", "wow,"],
    "neutral": ["quick question:", "hey all,", "so", "genuine question:", "travel folks:", "hmm,"],
    "sarcasm": ["wow.", "oh great.", "amazing.", "lol", "classic."],
}
CLOSERS = {
    "negative": [
        ". every single time",
        ". smh",
        ". 0/10",
        ". done with them",
        " again",
        ". fix this",
        ". so frustrating",
        "!!",
    ],
    "positive": [". 10/10", ". highly recommend", ". made my day", "!!", ". more of this please"],
    "neutral": [". thanks in advance", ". any tips?", " lol", "?? asking for a friend", ". cheers"],
    "sarcasm": [" lol", ". just perfect", ". can't make this up"],
}
HASHTAGS = {
    "air": ["#travel", "#avgeek", "#delayed", "#flying", "#airports", "#travelfail"],
    "food": ["#foodie", "#delivery", "#dinner", "#hangry", "#takeout"],
}
PLATFORMS = {"twitter": 40, "reddit": 19, "bluesky": 15, "mastodon": 12, "youtube": 14}
SUBREDDITS = {
    "air": ["travel", "flights", "aviation", "onebag", "mildlyinfuriating"],
    "food": ["fooddelivery", "food", "mildlyinfuriating", "CasualConversation"],
}
INSTANCES = ["mastodon.social", "fosstodon.org", "mstdn.social", "hachyderm.io", "mas.to"]
FIRST = [
    "jess",
    "mike",
    "sam",
    "alex",
    "priya",
    "tom",
    "lena",
    "omar",
    "kate",
    "dan",
    "maria",
    "yuki",
    "chris",
    "nina",
    "leo",
    "ana",
    "ben",
    "zoe",
    "raj",
    "emma",
    "luis",
    "hana",
    "jon",
    "ella",
    "max",
]
LAST = [
    "parker",
    "nguyen",
    "smith",
    "garcia",
    "kim",
    "okafor",
    "rossi",
    "silva",
    "berg",
    "tanaka",
    "walsh",
    "patel",
    "moreau",
    "fischer",
    "lopez",
    "cohen",
    "reyes",
    "hughes",
]
WORDS = ["travels", "eats", "codes", "runs", "flies", "cooks", "reads", "bakes", "hikes", "games"]
#: Big accounts: (platform, author, followers).
BIG = [
    ("twitter", "AvgeekDaily", 1_850_000),
    ("twitter", "TravelDealsHQ", 640_000),
    ("twitter", "CityFoodGuide", 212_000),
    ("youtube", "@FlightReviewsTV", 930_000),
    ("bluesky", "newsdesk.bsky.social", 156_000),
    ("mastodon", "airlinenews@mastodon.social", 48_000),
]

B32_SORTABLE = "234567abcdefghijklmnopqrstuvwxyz"
B36 = "0123456789abcdefghijklmnopqrstuvwxyz"
YT = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
TWITTER_EPOCH_MS = 1288834974657


class Gen:
    """All the random choices, from one seeded generator."""

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)

    def pick(self, seq):
        return seq[int(self.rng.integers(len(seq)))]

    def weighted(self, pairs):
        keys = [k for k, _ in pairs]
        w = np.array([v for _, v in pairs], dtype=float)
        return keys[int(self.rng.choice(len(keys), p=w / w.sum()))]

    def chars(self, alphabet: str, n: int) -> str:
        return "".join(alphabet[i] for i in self.rng.integers(len(alphabet), size=n))

    def fields(self, brand: str | None, rival: str | None, platform: str) -> dict[str, str]:
        r = self.rng
        f = {
            "city": self.pick(CITIES),
            "city2": self.pick(CITIES),
            "hours": str(int(r.integers(2, 9))),
            "mins": str(int(r.choice([12, 18, 25, 35, 45, 55, 70, 85, 95, 120]))),
            "days": str(int(r.integers(2, 7))),
            "price": str(int(r.integers(12, 480))),
            "fee": f"{r.integers(3, 15)}.{r.choice([49, 99, 0]):02d}",
            "item": self.pick(ITEMS),
            "n": str(int(r.integers(4, 25))),
            "weekday": self.pick(WEEKDAYS),
            "flight": f"SK {r.integers(100, 2999)}" if brand == "Skyway" else f"AX {r.integers(100, 999)}",
            "ref": self.chars("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 6),
            "order": str(int(r.integers(10**7, 10**8))),
        }
        while f["city2"] == f["city"]:
            f["city2"] = self.pick(CITIES)
        if brand:
            f["B"] = self.form(brand, platform)
            f["Bp"] = self.weighted(BRANDS[brand]["possessive"])
            f["H"] = BRANDS[brand]["handle"]
        if rival:
            f["C"] = self.form(rival, platform)
        return f

    def form(self, brand: str, platform: str) -> str:
        forms = BRANDS[brand]["forms"]
        if platform in ("reddit", "youtube"):  # no @handles there
            forms = [(k, v) for k, v in forms if not k.startswith("@")]
        return self.weighted(forms)


# ------------------------------------------------------------------------------------------- authors


def make_authors(g: Gen, n_per_platform: dict[str, int]) -> dict[str, list[dict]]:
    """Author pools per platform: Zipf-ish activity, log-normal followers with a few big accounts."""
    pools: dict[str, list[dict]] = {}
    taken: set[str] = set()
    for platform, n in n_per_platform.items():
        pool = []
        while len(pool) < n:
            first, last = g.pick(FIRST), g.pick(LAST)
            style = int(g.rng.integers(5))
            digits = str(int(g.rng.integers(1, 999))) if g.rng.random() < 0.6 else ""
            base = [
                f"{first}_{last}{digits}",
                f"{first}{last}",
                f"{first}{g.pick(WORDS)}{digits}",
                f"{last}.{first}",
                f"{first[0]}{last}{digits}",
            ][style]
            if platform == "twitter":
                name = base.replace(".", "_")
            elif platform == "bluesky":
                name = re.sub(r"[^a-z0-9]", "", base) + ".bsky.social"
            elif platform == "mastodon":
                name = re.sub(r"[^a-z0-9_]", "", base) + "@" + g.pick(INSTANCES)
            elif platform == "reddit":
                name = base if g.rng.random() < 0.7 else f"throwaway_{g.rng.integers(1000, 99999)}"
                name = name.replace(".", "_")
                name = name.title() if g.rng.random() < 0.3 else name
            else:
                name = "@" + re.sub(r"[^a-z0-9]", "", base)
            if name.lower() in taken:
                continue
            taken.add(name.lower())
            followers = int(np.exp(g.rng.normal(np.log(220), 1.5)))
            pool.append({"name": name, "followers": min(followers, 90_000)})
        pools[platform] = pool
    for platform, name, followers in BIG:
        pools[platform].insert(int(g.rng.integers(40, 120)), {"name": name, "followers": followers})
    for pool in pools.values():
        ranks = np.arange(1, len(pool) + 1)
        weights = 1.0 / ranks**0.72
        g.rng.shuffle(weights[60:])  # the head stays heavy, the tail is mixed
        for a, w in zip(pool, weights, strict=True):
            a["weight"] = float(w)
    return pools


def pick_author(g: Gen, pools, platform: str) -> dict:
    pool = pools[platform]
    w = np.array([a["weight"] for a in pool])
    return pool[int(g.rng.choice(len(pool), p=w / w.sum()))]


# ---------------------------------------------------------------------------------------------- ids


def snowflake_twitter(g: Gen, t: datetime) -> str:
    ms = int(t.timestamp() * 1000)
    return str(((ms - TWITTER_EPOCH_MS) << 22) | int(g.rng.integers(0, 1 << 22)))


def snowflake_mastodon(g: Gen, t: datetime) -> str:
    ms = int(t.timestamp() * 1000)
    return str((ms << 16) | int(g.rng.integers(0, 1 << 16)))


def tid(g: Gen, t: datetime) -> str:
    """An atproto TID record key: 13 base32-sortable chars of microseconds << 10 | clock id."""
    v = (int(t.timestamp() * 1_000_000) + int(g.rng.integers(0, 1000))) << 10 | int(g.rng.integers(0, 1024))
    return "".join(B32_SORTABLE[(v >> (5 * i)) & 31] for i in reversed(range(13)))


def base36(v: int) -> str:
    out = ""
    while v:
        v, d = divmod(v, 36)
        out = B36[d] + out
    return out or "0"


def reddit_id(g: Gen, t: datetime, comment: bool) -> str:
    secs = (t - START).total_seconds()
    if comment:
        return base36(int("lz00000", 36) + int(secs * 9) + int(g.rng.integers(0, 9)))
    return base36(int("1n20000", 36) + int(secs * 0.4) + int(g.rng.integers(0, 400_000)))


def did(name: str) -> str:
    """A stable fake did:plc for a Bluesky handle (not random: the same author keeps it)."""
    h = 0
    for ch in name:
        h = (h * 131 + ord(ch)) % (1 << 120)
    return "did:plc:" + "".join(B32_SORTABLE[(h >> (5 * i)) & 31] for i in range(24))


# ---------------------------------------------------------------------------------------------- time

HOUR_WEIGHTS = np.array([5, 4, 3, 2, 1.5, 1.2, 1.5, 2.5, 4, 5, 6, 6.5, 7, 8, 9, 9.5, 9.5, 9, 9, 9, 9.5, 9, 8, 6.5])


def random_time(g: Gen, week: int | None = None) -> datetime:
    """A time in the ten weeks (or in the given 1-based week): weekday-heavy, US/EU daytime-heavy."""
    while True:
        day = int(g.rng.integers(0, 7 * WEEKS)) if week is None else (week - 1) * 7 + int(g.rng.integers(7))
        if (START + timedelta(days=day)).weekday() < 5 or g.rng.random() > 0.2:  # quieter weekends
            break
    hour = int(g.rng.choice(24, p=HOUR_WEIGHTS / HOUR_WEIGHTS.sum()))
    return START + timedelta(days=day, hours=hour, seconds=int(g.rng.integers(0, 3600)))


def incident_time(g: Gen) -> datetime:
    """Hours after the outage, front-loaded; kept inside the spike week."""
    while True:
        t = INCIDENT_AT + timedelta(hours=float(g.rng.exponential(30.0)) + float(g.rng.uniform(0, 2)))
        if t < SPIKE_END:
            return t.replace(microsecond=0)


# ---------------------------------------------------------------------------------------------- posts


def decorate(g: Gen, text: str, sentiment: str, kind: str, domain: str | None, brand: str | None, platform: str) -> str:
    """Emoji, hashtags and small platform habits on top of a template."""
    r = g.rng
    mood = "sarcasm" if kind == "sarcasm" else sentiment if sentiment in EMOJI else "neutral"
    if kind not in ("trap", "own", "promo") and r.random() < 0.3:
        opener = g.pick(OPENERS.get(mood, OPENERS["neutral"]))
        first = text.split(" ", 1)[0]
        if first[1:].islower() and not any(b.lower() in first.lower() for b in BRANDS):
            text = text[0].lower() + text[1:]  # "so the gate agent ...", but keep "so FeastNow ..."
        text = f"{opener} {text}"
    if kind not in ("trap", "own", "promo") and r.random() < 0.25:
        text = f"{text.rstrip('.')}{g.pick(CLOSERS.get(mood, CLOSERS['neutral']))}"
    if r.random() < 0.28:
        text += " " + g.pick(EMOJI[mood]) * int(r.choice([1, 1, 1, 2, 3]))
    if domain and platform in ("twitter", "bluesky", "mastodon", "youtube") and r.random() < 0.22:
        tags = [g.pick(HASHTAGS[domain])]
        if brand and sentiment == "negative" and r.random() < 0.3:
            tags.append(f"#{brand}Fail")  # only ever added next to a real mention
        text += " " + " ".join(tags)
    if r.random() < 0.04:
        text = text.upper() if kind in ("complaint", "incident") else text
    if platform == "reddit" and r.random() < 0.12:
        text += "\n\n" + g.pick(
            [
                "Edit: they finally answered, still no fix.",
                "Edit: typo",
                "Update: nothing yet.",
                "Edit: thanks for the replies everyone",
            ]
        )
    return text


def english_post(g: Gen, entry, brand: str | None, rival: str | None, platform: str, domain: str | None):
    sentiment, kind, template = entry
    text = template.format_map(g.fields(brand, rival, platform))
    text = text[0].upper() + text[1:] if g.rng.random() < 0.45 and text[0].isalpha() else text
    return text, sentiment, kind


def build(n: int, seed: int) -> list[dict]:
    g = Gen(seed)
    r = g.rng
    pools = make_authors(g, {"twitter": 420, "reddit": 230, "bluesky": 190, "mastodon": 150, "youtube": 190})
    platforms = list(PLATFORMS.items())
    specs: list[dict] = []

    def add(text, sentiment, kind, brands, platform, t, lang="en", author=None, reply=None):
        specs.append(
            {
                "text": text,
                "sentiment": sentiment,
                "kind": kind,
                "brands": brands,
                "platform": platform,
                "t": t,
                "lang": lang,
                "author": author,
                "reply": reply,
            }
        )

    def brand_post(brand: str, t: datetime, incident: bool = False):
        domain = BRANDS[brand]["domain"]
        platform = g.weighted(platforms)
        if r.random() < 0.105:  # other languages
            lang = g.weighted(list(FOREIGN_LANG_WEIGHTS.items()))
            want = "inc" if incident and r.random() < 0.6 else domain
            choices = [e for e in FOREIGN if e[0] == lang and e[1] == want] or [
                e for e in FOREIGN if e[0] == lang and e[1] == domain
            ]
            _, _, sentiment, template = g.pick(choices)
            text = template.format_map(g.fields(brand, None, platform))
            add(text, sentiment, "foreign", [brand], platform, t, lang=lang)
            return
        if platform == "twitter" and r.random() < 0.22:
            entry = g.pick(INCIDENT_DIRECT if incident else DIRECT[domain])
        elif incident and r.random() < 0.1:
            entry = g.pick(INCIDENT_COMPARE)
            text, s, k = english_post(g, entry, brand, BRANDS[brand]["rival"], platform, domain)
            add(decorate(g, text, s, k, domain, brand, platform), s, k, [brand, BRANDS[brand]["rival"]], platform, t)
            return
        else:
            entry = g.pick(INCIDENT if incident else AIR if domain == "air" else FOOD)
        text, s, k = english_post(g, entry, brand, None, platform, domain)
        add(decorate(g, text, s, k, domain, brand, platform), s, k, [brand], platform, t)

    # The base: ten ordinary weeks. Skyway mentions (own posts, comparisons) are ~31% of it.
    n_incident = round(n * 0.046)
    n_viral = 24 + 10
    n_promo = 14
    n_base = n - n_incident - n_viral - n_promo
    mix = [
        ("Skyway", 27),
        ("Aerolux", 13),
        ("QuickBite", 24),
        ("FeastNow", 12),
        ("cmp-air", 3.5),
        ("cmp-food", 3.5),
        ("none", 7.5),
        ("trap", 2.5),
        ("bridge", 0.3),
        ("own", 3.0),
    ]
    own_targets = 0
    for _ in range(n_base):
        what = g.weighted(mix)
        t = random_time(g)
        if what in BRANDS:
            # Once the outage starts, most Skyway talk that week is about it.
            outage = what == "Skyway" and INCIDENT_AT <= t < SPIKE_END
            brand_post(what, t, incident=outage and r.random() < 0.6)
        elif what.startswith("cmp-"):
            domain = what[4:]
            pair = ["Skyway", "Aerolux"] if domain == "air" else ["QuickBite", "FeastNow"]
            r.shuffle(pair)
            platform = g.weighted(platforms)
            text, s, k = english_post(g, g.pick(COMPARE[domain]), pair[0], pair[1], platform, domain)
            add(decorate(g, text, s, k, domain, None, platform), s, k, sorted(pair), platform, t)
        elif what in ("none", "trap"):
            platform = g.weighted(platforms)
            entry = g.pick(NONE if what == "none" else TRAPS)
            text, s, k = english_post(g, entry, None, None, platform, None)
            add(decorate(g, text, s, k, None, None, platform), s, k, [], platform, t)
        elif what == "bridge":
            platform = g.weighted(platforms)
            text, s, k = english_post(g, BRIDGE_AND_BRAND, "Skyway", None, platform, "air")
            add(text, s, k, ["Skyway"], platform, t)
        else:
            own_targets += 1
    # Make sure each trap and the bridge post occur at least twice, whatever the seed.
    for entry in [*TRAPS, BRIDGE_AND_BRAND, BRIDGE_AND_BRAND]:
        platform = g.weighted(platforms)
        brand = "Skyway" if entry is BRIDGE_AND_BRAND else None
        text, s, k = english_post(g, entry, brand, None, platform, None)
        add(text, s, k, [brand] if brand else [], platform, random_time(g))
        n_incident -= 1

    # Week 7: the Skyway outage.
    for _ in range(n_incident):
        brand_post("Skyway", incident_time(g), incident=True)
    for brand, s, k, text in [VIRAL[0]] * 24 + [VIRAL[1]] * 10:
        author = pick_author(g, pools, "twitter")
        add(text, s, k, [brand], "twitter", incident_time(g), author=author)
    for _ in range(n_promo):
        platform = g.pick(["twitter", "twitter", "bluesky", "mastodon"])
        add(PROMO[3], PROMO[1], PROMO[2], [PROMO[0]], platform, random_time(g))

    specs.sort(key=lambda s: s["t"])
    return assign(g, specs, pools, own_targets)


def assign(g: Gen, specs: list[dict], pools, own_targets: int):
    """Authors, ids, urls, replies, engagement; then the brands' own replies; then duplicates."""
    r = g.rng
    videos = {d: [g.chars(YT, 11) for _ in range(25)] for d in ("air", "food")}
    by_platform: dict[str, list[dict]] = {p: [] for p in PLATFORMS}
    out: list[dict] = []

    for s in specs:
        platform, t = s["platform"], s["t"]
        author = s["author"] or pick_author(g, pools, platform)
        domain = _domain(s)
        parent = None
        if s["kind"] not in ("promo",) and r.random() < 0.16:
            recent = [
                p
                for p in by_platform[platform][-80:]
                if (t - p["t"]) < timedelta(days=3) and p["author"] != author["name"]
            ]
            same = [p for p in recent if set(p["brands"]) & set(s["brands"])] or recent
            parent = g.pick(same) if same and r.random() < 0.7 else {"external": True}
        row = make_row(g, s, author, parent, videos, domain)
        by_platform[platform].append(row)
        out.append(row)

    # The brands' own accounts answer complaints about them on twitter.
    complaints = [
        p
        for p in out
        if p["platform"] == "twitter"
        and p["sentiment"] == "negative"
        and len(p["brands"]) == 1
        and p["brands"][0] in OWN_BRANDS
    ]
    incident_complaints = [p for p in complaints if p["kind"] == "incident"]
    chosen_idx = r.choice(len(complaints), size=min(own_targets, len(complaints)), replace=False)
    chosen = [complaints[i] for i in sorted(chosen_idx)]
    extra = r.choice(len(incident_complaints), size=min(12, len(incident_complaints)), replace=False)
    chosen += [incident_complaints[i] for i in sorted(extra) if incident_complaints[i] not in chosen]
    brand_accounts = {"Skyway": ("SkywayAir", 482_000), "QuickBite": ("QuickBite", 1_210_000)}
    for parent in chosen:
        brand = parent["brands"][0]
        key = "Skyway-incident" if parent["kind"] == "incident" else brand
        text = g.pick(OWN_REPLIES[key]).format(init=g.pick(["JS", "MK", "AL", "RT", "PW", "DC"]))
        handle, followers = brand_accounts[brand]
        t = parent["t"] + timedelta(minutes=float(r.exponential(90)) + 3)
        t = t.replace(microsecond=0)
        if t >= END:
            continue
        spec = {
            "text": text,
            "sentiment": "neutral",
            "kind": "own",
            "brands": [brand],
            "platform": "twitter",
            "t": t,
            "lang": "en",
        }
        row = make_row(g, spec, {"name": handle, "followers": followers}, parent, videos, "air")
        row["likes"], row["reposts"], row["replies"] = int(r.integers(0, 4)), 0, int(r.integers(0, 3))
        out.append(row)

    out.sort(key=lambda p: p["t"])
    return out


def _domain(s: dict) -> str:
    if s["brands"]:
        return BRANDS[s["brands"][0]]["domain"]
    return (
        "food"
        if any(w in s["text"].lower() for w in ("pizza", "bite", "cake", "toast", "delivery", "cooking", "food"))
        else "air"
    )


def make_row(g: Gen, s: dict, author: dict, parent: dict | None, videos, domain: str) -> dict:
    r = g.rng
    platform, t, name = s["platform"], s["t"], author["name"]
    text = s["text"]
    external = parent is not None and parent.get("external")
    parent_id = ""
    root = None
    if platform == "twitter":
        pid = snowflake_twitter(g, t)
        url = f"https://x.com/{name}/status/{pid}"
        if parent is not None:
            if external:
                parent_id = snowflake_twitter(g, t - timedelta(hours=float(r.uniform(0.2, 30))))
                text = f"@{g.pick(pools_hint)} {text}"
            else:
                parent_id = parent["post_id"]
                text = f"@{parent['author'].lstrip('@')} {text}"
    elif platform == "mastodon":
        pid = snowflake_mastodon(g, t)
        user, instance = name.split("@")
        url = f"https://{instance}/@{user}/{pid}"
        if parent is not None:
            parent_id = (
                snowflake_mastodon(g, t - timedelta(hours=float(r.uniform(0.2, 30)))) if external else parent["post_id"]
            )
    elif platform == "bluesky":
        rkey = tid(g, t)
        pid = f"at://{did(name)}/app.bsky.feed.post/{rkey}"
        url = f"https://bsky.app/profile/{name}/post/{rkey}"
        if parent is not None:
            parent_id = (
                f"at://{did(g.pick(pools_hint) + '.bsky.social')}/app.bsky.feed.post/"
                f"{tid(g, t - timedelta(hours=float(r.uniform(0.2, 30))))}"
                if external
                else parent["post_id"]
            )
    elif platform == "reddit":
        sub = g.pick(SUBREDDITS[domain])
        if parent is None:
            pid = reddit_id(g, t, comment=False)
            root = pid
            slug = "_".join(re.sub(r"[^a-z0-9 ]", "", text.lower()).split()[:7])[:50] or "post"
            url = f"https://www.reddit.com/r/{sub}/comments/{pid}/{slug}/"
        else:
            pid = reddit_id(g, t, comment=True)
            if external:
                root = reddit_id(g, t - timedelta(hours=float(r.uniform(0.5, 40))), comment=False)
                parent_id = root
            else:
                root, sub, parent_id = parent["root"], parent["sub"], parent["post_id"]
            url = f"https://www.reddit.com/r/{sub}/comments/{root}/comment/{pid}/"
    else:  # youtube comments; replies get "<parent>.<suffix>" ids
        if parent is None or external:
            video = g.pick(videos[domain])
            pid = "Ugw" + g.chars(YT, 19) + "4AaABAg"
            if external:
                parent_id = pid
                pid = f"{pid}.{g.chars(YT, 22)}"
        else:
            video = parent["video"]
            top = parent["post_id"].split(".")[0]
            parent_id = top  # YouTube threads are flat: a reply's parent is the top-level comment
            pid = f"{top}.{g.chars(YT, 22)}"
        url = f"https://www.youtube.com/watch?v={video}&lc={pid}"
    followers = author["followers"]
    # Engagement grows with reach; negative incident posts travel further.
    boost = 2.5 if s["kind"] in ("incident", "sarcasm") else 1.0
    if platform == "reddit":
        mean = float(np.exp(r.normal(1.6, 1.4))) * boost
        likes = int(r.poisson(mean))
        reposts = None
        followers_out = None
    else:
        mean = 0.02 * followers**0.85 * float(np.exp(r.normal(0, 0.9))) * boost
        likes = int(r.poisson(mean))
        reposts = int(r.poisson(likes * 0.14 + 0.05)) if platform != "youtube" else None
        followers_out = followers
    replies = int(r.poisson(likes * 0.07 + 0.15))
    lang = s["lang"]
    if r.random() < 0.012:
        lang = ""  # language detection failed / not reported
    return {
        "post_id": pid,
        "platform": platform,
        "t": t,
        "created_at": t.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "author": name,
        "author_followers": followers_out,
        "text": text,
        "url": url,
        "lang": lang,
        "likes": likes,
        "reposts": reposts,
        "replies": replies,
        "parent_id": parent_id,
        "root": root,
        "sub": url.split("/r/")[1].split("/")[0] if root else None,
        "video": url.split("v=")[1].split("&")[0] if platform == "youtube" else None,
        "brands": s["brands"],
        "sentiment": s["sentiment"],
        "kind": s["kind"],
    }


#: Names to @-address when the parent post is outside the data set.
pools_hint = [f"{a}_{b}" for a in FIRST[:12] for b in LAST[:6]]


def with_duplicates(g: Gen, rows: list[dict], share: float) -> list[dict]:
    """The same post exported twice: exact copies, a little after the original (overlapping pages)."""
    n = len(rows)
    idx = sorted(g.rng.choice(n, size=round(n * share), replace=False).tolist(), reverse=True)
    out = list(rows)
    for i in idx:
        out.insert(min(n, i + 1 + int(g.rng.integers(0, 120))), rows[i])
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--n",
        type=int,
        default=2500,
        help="posts from the templates, at least 500 (the spike weeks add a few; duplicates on top)",
    )
    ap.add_argument("--seed", type=int, default=20261012)
    ap.add_argument("-o", "--output", type=Path, default=HERE / "posts.csv")
    ap.add_argument("--duplicates", type=float, default=0.03, help="share of rows exported twice")
    ap.add_argument("--labels", type=Path, help="also write post_id,brands,sentiment,kind here")
    args = ap.parse_args(argv)
    if args.n < 500:
        ap.error("--n must be at least 500")
    if not 0 <= args.duplicates < 1:
        ap.error("--duplicates is a share of the rows: at least 0, below 1")

    g = Gen(args.seed + 1)
    rows = build(args.n, args.seed)
    ids = [p["post_id"] for p in rows]
    assert len(ids) == len(set(ids)), "post ids collided"
    final = with_duplicates(g, rows, args.duplicates)
    df = pd.DataFrame(final)[COLUMNS]
    for col in ("author_followers", "likes", "reposts", "replies"):
        df[col] = df[col].astype("Int64")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(args.output, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    if args.labels:
        lab = pd.DataFrame(
            {
                "post_id": ids,
                "brands": [";".join(p["brands"]) for p in rows],
                "sentiment": [p["sentiment"] for p in rows],
                "kind": [p["kind"] for p in rows],
            }
        )
        lab.to_csv(args.labels, index=False, lineterminator="\n")
    first, last = df["created_at"].min(), df["created_at"].max()
    print(f"wrote {len(df)} rows ({len(rows)} distinct) to {args.output}: {first} .. {last}")


if __name__ == "__main__":
    main()
