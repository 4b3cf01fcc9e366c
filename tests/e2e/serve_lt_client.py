"""An unmodified LanguageTool client library (language-tool-python, from
PyPI) pointed at newslint serve: it lists the languages, checks text and
applies the corrections, as it would with a LanguageTool server.

Run by tests/serve_e2e.rs with NEWSLINT_URL (the server) and NEWSLINT_STORY
(a British-English story with three slips). Prints what it saw and exits
non-zero on the first thing that is wrong.
"""

import json
import os
import sys

import language_tool_python

URL = os.environ["NEWSLINT_URL"]
STORY = open(os.environ["NEWSLINT_STORY"], encoding="utf-8").read()


def expect(condition, message):
    if not condition:
        print("FAIL: " + message, file=sys.stderr)
        sys.exit(1)


def summary(matches, text):
    return [(m.rule_id, text[m.offset : m.offset + m.error_length], m.replacements[:1]) for m in matches]


seen = {}
# remote_server: the library talks to this server and starts or downloads nothing.
with language_tool_python.LanguageTool("en-GB", remote_server=URL) as gb:
    matches = gb.check(STORY)
    seen["story"] = summary(matches, STORY)
    expect(
        seen["story"]
        == [
            ("context.real-word", "drowns", ["drones"]),
            ("spelling.unknown-word", "troups", ["troops"]),
            ("typography.dash-hyphen", "—-", ["—"]),
        ],
        "the story's slips: %r" % seen["story"],
    )
    expect(matches[1].category == "spelling" and matches[1].rule_issue_type == "misspelling", repr(matches[1]))
    expect(matches[1].matched_text == "troups", "context: %r" % matches[1].context)
    fixed = gb.correct(STORY)
    expect(
        fixed == STORY.replace("drowns", "drones").replace("troups", "troops").replace("—-", "—"),
        "corrected story: " + fixed,
    )
    expect(gb.check(fixed) == [], "the corrected story is clean")

    # After an emoji (two UTF-16 units, one Python character).
    emoji = "Fans 🙂🎉 cheered as the goverment fell, and the the band played."
    seen["emoji"] = summary(gb.check(emoji), emoji)
    expect(
        seen["emoji"]
        == [("spelling.unknown-word", "goverment", ["government"]), ("typography.repeated-word", "the the", ["the"])],
        "after an emoji: %r" % seen["emoji"],
    )
    expect(
        gb.correct(emoji) == "Fans 🙂🎉 cheered as the government fell, and the band played.",
        "emoji story corrected: " + gb.correct(emoji),
    )

    # The library's own switches: spell checking off (category TYPOS).
    gb.disable_spellchecking()
    seen["no_spelling"] = [m.rule_id for m in gb.check(STORY)]
    expect("spelling.unknown-word" not in seen["no_spelling"], "disable_spellchecking: %r" % seen["no_spelling"])
    gb.enable_spellchecking()

# Both dialects.
SPELLINGS = "The colour of the flag honours the organisation. The color honors the organization."
with language_tool_python.LanguageTool("en-US", remote_server=URL) as us:
    seen["en-US"] = summary(us.check(SPELLINGS), SPELLINGS)
    expect(
        [s[1] for s in seen["en-US"]] == ["colour", "honours", "organisation"],
        "en-US: %r" % seen["en-US"],
    )
    expect(
        us.correct(SPELLINGS) == "The color of the flag honors the organization. The color honors the organization.",
        "en-US correction: " + us.correct(SPELLINGS),
    )
with language_tool_python.LanguageTool("en-GB", remote_server=URL) as gb:
    seen["en-GB"] = summary(gb.check(SPELLINGS), SPELLINGS)
    expect(
        [s[1] for s in seen["en-GB"]] == ["color", "honors", "organization"],
        "en-GB: %r" % seen["en-GB"],
    )

print(json.dumps(seen, ensure_ascii=False))
