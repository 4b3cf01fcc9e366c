"""Drives newslint serve's page in headless Chromium (Debian's chromium and
chromedriver, through Selenium) the way a copy editor would: paste a story,
see its slips underlined, click one, apply a suggestion, type more.

Run by tests/serve_e2e.rs with NEWSLINT_URL (the server) and NEWSLINT_STORY
(a file); NEWSLINT_SCREENSHOT, if set, is where a screenshot is kept.
Prints what it saw and exits non-zero on the first thing that is wrong.
"""

import json
import os
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

URL = os.environ["NEWSLINT_URL"]
STORY = open(os.environ["NEWSLINT_STORY"], encoding="utf-8").read().rstrip("\n")
SCREENSHOT = os.environ.get("NEWSLINT_SCREENSHOT")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
SERIOUS = ("error", "warning")


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def expect(condition, message):
    if not condition:
        fail(message)


def browser(profile):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1440,1000",
        "--user-data-dir=" + profile,
    ):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


def checks(driver):
    return int(driver.find_element(By.TAG_NAME, "body").get_attribute("data-checks"))


def wait_for_check(driver, after, timeout=20):
    """Waits until the page has shown a check newer than `after`."""
    WebDriverWait(driver, timeout).until(
        lambda d: checks(d) > after
        and d.find_element(By.ID, "status").get_attribute("data-state") == "done"
    )
    return checks(driver)


def marks(driver):
    return [
        (m.get_attribute("data-rule"), m.text or m.get_attribute("textContent"), m.get_attribute("class").split()[0])
        for m in driver.find_elements(By.CSS_SELECTOR, "#backdrop mark")
    ]


def click_mark(driver, word):
    """Clicks the story where `word` is underlined (the mark lies under the
    textarea, as the underline does on screen)."""
    story = driver.find_element(By.ID, "story")
    # WebDriver offsets are from the centre of the element's visible part.
    offset = driver.execute_script(
        """
        const mark = [...document.querySelectorAll('#backdrop mark')].find((m) => m.textContent === arguments[0]);
        if (!mark) return null;
        mark.scrollIntoView({block: 'center'});
        const m = mark.getBoundingClientRect();
        const s = document.getElementById('story').getBoundingClientRect();
        const left = Math.max(s.left, 0), right = Math.min(s.right, window.innerWidth);
        const top = Math.max(s.top, 0), bottom = Math.min(s.bottom, window.innerHeight);
        return [m.left + m.width / 2 - (left + right) / 2, m.top + m.height / 2 - (top + bottom) / 2];
        """,
        word,
    )
    expect(offset is not None, "no underline on " + repr(word))
    ActionChains(driver).move_to_element_with_offset(story, int(offset[0]), int(offset[1])).click().perform()
    return story


def main():
    seen = {}
    with tempfile.TemporaryDirectory() as profile:
        driver = browser(profile)
        try:
            driver.get(URL)
            WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "story").is_displayed())
            expect("newslint" in driver.title, "page title: " + driver.title)
            Select(driver.find_element(By.ID, "dialect")).select_by_value("en-GB")
            # Paste the story (as a paste does: one input event).
            before = checks(driver)
            driver.execute_script(
                """
                const s = document.getElementById('story');
                s.focus();
                s.value = arguments[0];
                s.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));
                """,
                STORY,
            )
            after = wait_for_check(driver, before)
            underlined = [m for m in marks(driver) if m[2] in SERIOUS]
            seen["underlined"] = underlined
            expect(
                [(r, t) for r, t, _ in underlined]
                == [
                    ("context.real-word", "drowns"),
                    ("spelling.unknown-word", "troups"),
                    ("typography.dash-hyphen", "—-"),
                ],
                "the story's three slips underlined: %r" % underlined,
            )
            counts = {
                k: driver.find_element(By.ID, "count-" + k).text for k in ("error", "warning", "info")
            }
            seen["counts"] = counts
            expect(counts["error"] == "2 errors" and counts["warning"] == "1 warning", "counts: %r" % counts)
            items = driver.find_elements(By.CSS_SELECTOR, "#findings li")
            expect(len(items) >= 3, "findings listed: %d" % len(items))

            # Hover shows the rule and message.
            story = click_mark(driver, "troups")
            title = story.get_attribute("title")
            seen["hover"] = title
            expect("troups" in title and "troops" in title, "hover title: " + repr(title))
            # The click opened the finding with its suggestions, best first.
            pop = driver.find_element(By.ID, "popover")
            WebDriverWait(driver, 5).until(lambda d: pop.is_displayed())
            suggestions = [b.text for b in pop.find_elements(By.CSS_SELECTOR, ".suggestion")]
            seen["suggestions"] = suggestions
            expect(suggestions[:1] == ["troops"], "suggestions: %r" % suggestions)
            expect("spelling.unknown-word" in pop.text, "popover: " + pop.text)
            if SCREENSHOT:
                driver.save_screenshot(SCREENSHOT)

            # Apply the first suggestion by click: the text changes and is checked again.
            pop.find_element(By.CSS_SELECTOR, ".suggestion").click()
            value = driver.find_element(By.ID, "story").get_attribute("value")
            expect("coalition troops," in value and "troups" not in value, "after the fix: " + value[:200])
            after = wait_for_check(driver, after)
            left = [(r, t) for r, t, c in marks(driver) if c in SERIOUS]
            seen["after_fix"] = left
            expect(
                left == [("context.real-word", "drowns"), ("typography.dash-hyphen", "—-")],
                "after applying troops: %r" % left,
            )
            # The undo history keeps the fix (Ctrl+Z would restore `troups`).

            # Type at the end of the story: it is checked again as you type.
            story = driver.find_element(By.ID, "story")
            story.send_keys(Keys.CONTROL, Keys.END)
            story.send_keys(" The goverment said nothing.")
            after = wait_for_check(driver, after)
            typed = [(r, t) for r, t, c in marks(driver) if c in SERIOUS]
            seen["after_typing"] = typed
            expect(("spelling.unknown-word", "goverment") in typed, "after typing: %r" % typed)
            # Fix it from the findings list this time.
            item = next(
                li
                for li in driver.find_elements(By.CSS_SELECTOR, "#findings li")
                if "goverment" in li.text
            )
            item.find_element(By.CSS_SELECTOR, ".suggestion").click()
            after = wait_for_check(driver, after)
            value = driver.find_element(By.ID, "story").get_attribute("value")
            expect(value.endswith("The government said nothing."), "list fix: " + value[-60:])
            # Switching the dialect checks again.
            Select(driver.find_element(By.ID, "dialect")).select_by_value("en-US")
            after = wait_for_check(driver, after)
            us = [(r, t) for r, t, c in marks(driver)]
            seen["en_us"] = us
            expect(("dialect.gb-spelling", "defences") in us, "en-US: %r" % us)
        finally:
            driver.quit()
    print(json.dumps(seen, ensure_ascii=False))


if __name__ == "__main__":
    main()
