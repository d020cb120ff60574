"""Everyday requests written by the Parapet authors (no data-set text): ordinary help-seeking prompts phrased the way
harmful requests are ("How do I …", "Help me write …", "What's the best way to …", "Tell me a joke about …"), about
cooking, home, family, work, money, travel, pets, health habits, hobbies, writing, learning and technology.
Negatives for every head. They exist because the shared benign sets are mostly maths word problems and benchmark
questions, while the harmful-request sets are imperative requests for help: bundle 0.4.0 learned the phrasing as a
shortcut and blocked 10 of 100 everyday requests of our own probe (`classifiers/probes/everyday_requests.jsonl`,
written before these templates and kept apart from them; `python3 everyday.py --check` prints the overlap).

One group per template; used on the train fold only (never dev), so every dev figure stays on the shared data.
"""
from __future__ import annotations

import itertools
import json
import random
import sys
from pathlib import Path

RELATIVES = ["grandmother", "grandfather", "mum", "dad", "aunt", "uncle", "sister", "brother", "cousin", "nephew",
             "niece", "stepdad", "godmother", "mother-in-law", "best friend", "neighbour"]

EVERYDAY = [  # (template, {slot: values}); every combination of slot values is a variant
    ("How do I {task}?",
     {"task": ["unclog a bathroom sink", "get my houseplants through the winter", "fold a fitted sheet",
               "descale my kettle", "patch a small hole in drywall", "keep basil alive on a windowsill",
               "teach my kid to ride a bike", "get my cat used to a carrier", "start running at 45",
               "back up my phone photos", "make my old laptop faster", "write a good commit message",
               "ask my landlord to fix the heating", "read a nutrition label", "make cold brew coffee",
               "iron a shirt without a crease", "choose a good watermelon", "stop my glasses from fogging up",
               "memorise a speech", "prepare for a marathon in six months"]}),
    ("How can I {task}?",
     {"task": ["save money on groceries", "get better at public speaking", "make friends in a new city",
               "focus while working from home", "help my teenager with maths homework", "cut down on screen time",
               "keep my sourdough from going flat", "grow tomatoes on a balcony", "pay off my credit card faster",
               "motivate myself to clean the flat", "stay warm in a drafty apartment", "sleep on a long flight",
               "introduce a new puppy to my old dog", "improve my handwriting", "get over jet lag quickly"]}),
    ("What's the best way to {task}?",
     {"task": ["organise a small closet", "reheat leftover pizza", "learn to touch type", "store winter clothes",
               "split rent fairly with roommates", "practise the guitar every day", "pack a suitcase for two weeks",
               "clean white sneakers", "study for a driving theory test", "keep a journal", "meal prep for the week",
               "ask for feedback at work", "remember people's names", "warm up before lifting weights",
               "teach a parrot to talk"]}),
    ("Can you help me {task}?",
     {"task": ["plan a budget for my first apartment", "pick a name for my bakery", "outline a presentation on solar panels",
               "choose between two job offers", "write a grocery list for a week of healthy dinners",
               "understand my electricity bill", "make a study timetable for my exams", "rewrite my CV summary",
               "plan a picnic for twelve people", "think of a theme for a school fundraiser",
               "organise a book club", "set goals for the new year"]}),
    ("Help me write a {doc} for my {who}.",
     {"doc": ["birthday message", "thank-you card", "get-well-soon note", "retirement card", "Christmas letter",
              "graduation card", "farewell message", "anniversary poem"],
      "who": RELATIVES}),
    ("Write a {doc} for my {who} who {detail}.",
     {"doc": ["short poem", "heartfelt card", "funny toast", "thank-you note", "letter"],
      "who": RELATIVES,
      "detail": ["just retired after forty years as a nurse", "loves fishing", "is moving abroad",
                 "taught me to bake", "is recovering from knee surgery", "finished her first half marathon",
                 "always sends me postcards", "is turning 80 next week"]}),
    ("Tell me a {kind} joke about {topic}.",
     {"kind": ["funny", "clean", "silly", "short", "nerdy"],
      "topic": ["accountants", "dentists", "cats", "engineers", "teachers", "penguins", "mondays", "coffee",
                "librarians", "pirates", "vegetables", "time travel", "physicists", "plumbers", "dinosaurs"]}),
    ("Write a {form} about {topic}.",
     {"form": ["haiku", "short poem", "limerick", "sea shanty", "children's story", "song chorus"],
      "topic": ["a lazy Sunday", "my grumpy old cat", "the first snow of winter", "a train journey",
                "a lighthouse keeper", "a lost umbrella", "baking bread with my grandmother", "moving house",
                "a robot learning to paint", "the night sky"]}),
    ("Explain {concept} in simple terms.",
     {"concept": ["how a credit score works", "what inflation is", "how solar panels make electricity",
                  "how the stock market works", "what an index fund is", "how a heat pump works", "what DNA does",
                  "how airplanes stay in the air", "how a refrigerator keeps food cold", "what a pension is",
                  "how noise-cancelling headphones work", "what machine learning is"]}),
    ("What is the difference between {pair}?",
     {"pair": ["a latte and a flat white", "weather and climate", "a Roth IRA and a traditional IRA",
               "HTTP and HTTPS", "a crocodile and an alligator", "baking and roasting", "a lease and a rental agreement",
               "empathy and sympathy", "a stock and a bond", "RAM and storage", "a psychologist and a psychiatrist"]}),
    ("Give me {n} ideas for {occasion}.",
     {"n": ["five", "ten", "some"],
      "occasion": ["a rainy weekend with toddlers", "a team-building afternoon", "my parents' 40th anniversary",
                   "a cheap date night", "a kid's science-themed birthday", "a retirement party", "a baby shower",
                   "a garden party", "a family reunion", "a housewarming gift"]}),
    ("Suggest {things} for {who}.",
     {"things": ["a gift", "a few books", "a weekend activity", "a board game"],
      "who": ["my grandfather who loves history", "a coworker who is leaving", "my niece who just turned ten",
              "my dad who likes gardening", "a friend who just had a baby", "my mum who is learning to paint",
              "a neighbour who helped me move"]}),
    ("Plan a {length} trip to {place} for {who}.",
     {"length": ["three-day", "week-long", "weekend"],
      "place": ["Rome", "Kyoto", "the Scottish Highlands", "Vancouver", "Marrakesh", "the Amalfi coast", "Prague"],
      "who": ["a family with two kids", "my grandparents", "a solo traveller on a budget"]}),
    ("I'm {situation}. What should I do?",
     {"situation": ["nervous about my first day at a new job", "bored in the evenings since I moved",
                    "always late for the bus in the morning", "not sure which university course to choose",
                    "struggling to keep my plants alive", "overwhelmed by my email inbox",
                    "feeling stuck learning the piano", "planning to adopt a rescue dog",
                    "hosting my in-laws for the first time", "trying to eat more vegetables"]}),
    ("What should I {verb} {thing}?",
     {"verb": ["cook for", "wear to", "bring to", "say at"],
      "thing": ["a job interview", "my grandmother's 90th birthday", "a first date", "a potluck dinner",
                "a wedding in the countryside", "my daughter's school play"]}),
    ("Write a {doc} for a {role} position at a {company}.",
     {"doc": ["cover letter", "short LinkedIn summary", "follow-up email after the interview"],
      "role": ["junior accountant", "barista", "nurse", "software tester", "marketing assistant", "warehouse"],
      "company": ["small bakery", "hospital", "logistics company", "tech startup"]}),
    ("Write an email to my {who} {purpose}.",
     {"who": ["manager", "landlord", "child's teacher", "neighbour", "client", "professor"],
      "purpose": ["asking for a day off next Friday", "about a leaking pipe", "to reschedule our meeting",
                  "thanking them for their help", "asking for an extension on my essay", "about a late payment"]}),
    ("Write a recipe for {dish}.",
     {"dish": ["a vegan lasagna", "my grandmother's apple pie", "chicken noodle soup", "gluten-free pancakes",
               "a quick weeknight curry", "homemade granola", "lemon drizzle cake", "mushroom risotto"]}),
    ("How long should I {task}?",
     {"task": ["boil an egg for a runny yolk", "rest a steak after cooking", "steep green tea",
               "let bread dough rise", "study each day for a language exam", "walk my dog every day",
               "charge a new phone battery"]}),
    ("Why does {thing}?",
     {"thing": ["my bread come out dense", "my cat knock things off the table", "the moon look bigger near the horizon",
                "my car make a squeaking noise when I brake", "coffee make me sleepy sometimes",
                "my laptop fan get so loud", "my sourdough taste so sour", "my houseplant have yellow leaves"]}),
    ("Teach me how to {skill}.",
     {"skill": ["knit a scarf", "juggle three balls", "change a bike chain", "make sushi at home", "play chess openings",
                "draw a face in proportion", "solve a Rubik's cube", "use pivot tables in Excel"]}),
    ("Write a short story for my {who} about {topic}.",
     {"who": ["son", "daughter", "class of six-year-olds", "grandchildren"],
      "topic": ["a brave little turtle", "a dragon who loves gardening", "a bus that can fly", "a shy ghost",
                "a lost teddy bear", "friendship on the first day of school"]}),
    ("My {who} {event}. {ask}",
     {"who": ["grandmother", "grandfather", "mum", "dad", "best friend", "aunt"],
      "event": ["is turning 70", "is coming to stay for a week", "just moved into a care home",
                "loves crossword puzzles", "is learning to use a smartphone"],
      "ask": ["Any ideas to make it special?", "How can I help?", "What could we do together?",
              "What gift would she like?"]}),
    ("Recommend {things} like {example}.",
     {"things": ["movies", "podcasts", "novels", "video games", "TV series"],
      "example": ["The Great British Bake Off", "Studio Ghibli films", "Agatha Christie mysteries",
                  "Stardew Valley", "Planet Earth", "The Office"]}),
    ("What are good {things} for {who}?",
     {"things": ["exercises", "hobbies", "snacks", "apps"],
      "who": ["seniors with bad knees", "busy parents", "people who work night shifts", "beginners over 50",
              "kids on a long car trip", "students living on a budget"]}),
    ("Summarize the plot of {work}.",
     {"work": ["Pride and Prejudice", "The Lord of the Rings", "Moby-Dick", "Hamlet", "The Great Gatsby",
               "Finding Nemo", "Jane Eyre", "The Hunger Games"]}),
    ("Translate '{phrase}' into {lang}.",
     {"phrase": ["where is the train station", "happy birthday, grandma", "thank you for dinner",
                 "I would like a table for two", "see you tomorrow"],
      "lang": ["French", "German", "Japanese", "Italian", "Portuguese"]}),
    ("Write a Python function that {task}.",
     {"task": ["checks whether a word is a palindrome", "counts the vowels in a string", "merges two sorted lists",
               "converts Celsius to Fahrenheit", "reads a CSV file and sums a column", "finds duplicate files by hash",
               "validates a date string"]}),
    ("How do I fix {problem}?",
     {"problem": ["a squeaky door hinge", "a running toilet", "a wobbly table", "a slow Wi-Fi connection",
                  "a zipper that keeps splitting", "a dripping tap", "a bike tyre that keeps going flat",
                  "a 'permission denied' error in git"]}),
    ("Is it okay to {thing}?",
     {"thing": ["freeze cooked rice", "feed my dog carrots", "run every day", "water succulents once a month",
                "wash wool sweaters in the machine", "leave my laptop plugged in all the time", "drink coffee after 4pm"]}),
    ("What questions should I ask {whom}?",
     {"whom": ["at the end of a job interview", "a new family doctor", "a wedding photographer", "a potential roommate",
               "when viewing an apartment", "my daughter's new piano teacher", "a financial adviser"]}),
    ("Write a motivational message for {who}.",
     {"who": ["my running club", "a friend starting chemotherapy", "my students before their exams",
              "my team after a tough quarter", "my brother starting a new job", "myself on Monday mornings"]}),
    ("Describe {thing}.",
     {"thing": ["how bees make honey", "the life cycle of a butterfly", "a typical day in ancient Rome",
                "how a sourdough starter works", "the rules of cricket", "how tides work", "the history of the bicycle"]}),
    ("Roleplay as a {role} and {task}.",
     {"role": ["friendly museum guide", "travel agent", "patient maths tutor", "career coach", "chef"],
      "task": ["help me plan my afternoon", "quiz me on fractions", "answer my questions",
               "give me feedback on my idea", "walk me through a simple recipe"]}),
]


def _fills(template: str, slots: dict, rng: random.Random) -> list[str]:
    keys = list(slots)
    combos = list(itertools.product(*(slots[k] for k in keys)))
    rng.shuffle(combos)
    return [template.format(**dict(zip(keys, c))) for c in combos]


def everyday_requests(seed: int, per_template: int = 24) -> list[tuple[str, int]]:
    """(text, template index) for at most `per_template` seeded slot combinations of each template."""
    rng = random.Random(seed + 17)
    return [(text, k) for k, (tpl, slots) in enumerate(EVERYDAY) for text in _fills(tpl, slots, rng)[:per_template]]


def check(probe: Path) -> None:
    """Word-trigram overlap between the probe and every generated text (a probe prompt should not be a template fill)."""
    def grams(t):
        w = t.lower().replace("?", " ").replace(".", " ").replace(",", " ").split()
        return {tuple(w[i:i + 3]) for i in range(len(w) - 2)}
    every = [grams(t) for t, _ in everyday_requests(1234, per_template=10 ** 6)]
    for line in probe.read_text().splitlines():
        text = json.loads(line)["text"]
        g = grams(text)
        best = max((len(g & e) / max(1, len(g)) for e in every), default=0.0)
        if best >= 0.5:
            print(f"{best:.2f} {text}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--check"]:
        check(Path(sys.argv[2] if len(sys.argv) > 2 else "classifiers/probes/everyday_requests.jsonl"))
    else:
        rows = everyday_requests(1234)
        print(len(rows), "texts from", len(EVERYDAY), "templates")
