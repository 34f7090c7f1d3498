"""Browser tests of Earshot's web workspace, driving headless Chromium with Selenium.

Run by scripts/browser-test, which starts `earshot serve` over a database of the bundled samples
with three accounts (head: slt, comms: communications, dsl: dsl) sharing one password, and passes:
EARSHOT_URL, EARSHOT_PASSWORD, EARSHOT_DATABASE and EARSHOT_SCREENSHOTS (a folder). It also
starts a second workspace over the bundled trust samples (five schools and the trust), with
accounts kingsmead-office and oakfield-office (communications at each school) and trust-head
(the trust's senior leader), and passes EARSHOT_TRUST_URL and EARSHOT_TRUST_DATABASE.
"""

import os
import re
import sqlite3
import unittest
from datetime import datetime
from zoneinfo import ZoneInfo

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ["EARSHOT_URL"]
PASSWORD = os.environ["EARSHOT_PASSWORD"]
DATABASE = os.environ["EARSHOT_DATABASE"]
SCREENSHOTS = os.environ.get("EARSHOT_SCREENSHOTS")


def new_browser(width=1100, height=1400):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def submit(browser, button):
    """Clicks a form's button and waits until the next page has replaced this one.

    The old page is marked with a script variable that a new page does not have. Watching the
    old page's element go stale instead races with the navigation: chromedriver then answers with
    an inspector error rather than a stale element.
    """
    browser.execute_script("window.earshotPreviousPage = true")
    button.click()
    WebDriverWait(browser, 15, ignored_exceptions=(WebDriverException,)).until(
        lambda driver: driver.execute_script(
            "return window.earshotPreviousPage === undefined && document.readyState === 'complete'"))


def case_status(case_id):
    with sqlite3.connect(DATABASE) as connection:
        return connection.execute("SELECT status FROM cases WHERE id = ?", (case_id,)).fetchone()[0]


class WorkspaceBrowserTests(unittest.TestCase):
    def setUp(self):
        self.browsers = []

    def tearDown(self):
        for browser in self.browsers:
            browser.quit()

    def signed_in(self, name, **size):
        browser = new_browser(**size)
        self.browsers.append(browser)
        browser.get(BASE + "/")
        self.assertTrue(browser.current_url.endswith("/login"), "the queue needs a session")
        browser.find_element(By.ID, "name").send_keys(name)
        browser.find_element(By.ID, "password").send_keys(PASSWORD)
        submit(browser, browser.find_element(By.CSS_SELECTOR, "form[action='/login'] button"))
        self.assertEqual(browser.find_element(By.TAG_NAME, "h1").text, "Case queue")
        return browser

    def queue_links(self, browser):
        """The case links on the queue, most urgent first, with whether a senior leader approves."""
        entries = []
        for item in browser.find_elements(By.CSS_SELECTOR, "li.case"):
            links = item.find_elements(By.CSS_SELECTOR, ".case-title a")
            if links:
                entries.append((links[0].get_attribute("href"), "senior leader approves" in item.text))
        return entries

    def test_wrong_password_is_refused(self):
        browser = new_browser()
        self.browsers.append(browser)
        browser.get(BASE + "/login")
        browser.find_element(By.ID, "name").send_keys("comms")
        browser.find_element(By.ID, "password").send_keys("not the password")
        submit(browser, browser.find_element(By.CSS_SELECTOR, "form[action='/login'] button"))
        self.assertIn("do not match", browser.find_element(By.CSS_SELECTOR, ".notice.error").text)

    def test_draft_is_flagged_fixed_approved_and_marked_responded(self):
        comms = self.signed_in("comms")
        entries = self.queue_links(comms)
        self.assertTrue(entries, "the communications user sees at least one case")
        # The most urgent case a senior leader must approve, so that every step of the flow is shown.
        href = next((link for link, approves in entries if approves), entries[0][0])
        case_id = int(href.rstrip("/").split("/")[-1])
        comms.get(href)
        self.assertTrue(comms.find_element(By.TAG_NAME, "h1").text.startswith(f"Case {case_id}"))

        box = comms.find_element(By.ID, "text")
        box.clear()
        box.send_keys("Obviously you are wrong about this.")
        # The script shows the check while the reply is written, before the form is sent.
        WebDriverWait(comms, 15).until(
            lambda driver: "sounds defensive" in driver.find_element(By.ID, "live-check").text)
        submit(comms, comms.find_element(By.CSS_SELECTOR, "#draft-form button"))
        problems = comms.find_element(By.CSS_SELECTOR, ".draft:last-of-type .problems").text
        self.assertIn("sounds defensive", problems)
        self.assertIn("The draft check found problems", comms.find_element(By.CSS_SELECTOR, ".notice.error").text)

        box = comms.find_element(By.ID, "text")
        box.clear()
        box.send_keys("Thank you for getting in touch. We would welcome the chance to talk this through with you.\n"
                      "The communications team, Millbrook Academy")
        submit(comms, comms.find_element(By.CSS_SELECTOR, "#draft-form button"))
        drafts = comms.find_elements(By.CSS_SELECTOR, ".draft")
        self.assertTrue(drafts, comms.find_element(By.TAG_NAME, "main").text[:500])
        latest = drafts[-1].text
        self.assertNotIn("sounds defensive", latest)
        self.assertNotIn("is not signed", latest)

        if case_status(case_id) == "awaitingApproval":
            self.assertFalse(comms.find_elements(By.XPATH, "//button[text()='Approve the latest draft']"),
                             "only senior leaders see the approve button")
            head = self.signed_in("head", width=1200, height=1800)
            if SCREENSHOTS:
                head.save_screenshot(os.path.join(SCREENSHOTS, "workspace-queue.png"))
            head.get(href)
            submit(head, head.find_element(By.XPATH, "//button[text()='Approve the latest draft']"))
            self.assertEqual(case_status(case_id), "approved")
            comms.get(href)
        submit(comms, comms.find_element(By.XPATH, "//button[text()='Mark responded']"))
        self.assertEqual(case_status(case_id), "responded")
        trail = comms.find_element(By.CSS_SELECTOR, "table.audit").text
        self.assertIn("markResponded", trail)
        self.assertIn("comms", trail)
        if SCREENSHOTS:
            comms.set_window_size(1100, 2400)
            comms.save_screenshot(os.path.join(SCREENSHOTS, "workspace-case.png"))

    def test_digest_feeds_and_mentions_pages(self):
        head = self.signed_in("head", width=1200, height=2400)
        head.find_element(By.LINK_TEXT, "Digest").click()
        self.assertTrue(head.find_element(By.TAG_NAME, "h1").text.startswith("Digest: "))
        # The day of the scan, in the school's time zone, with the mentions the scan stored that day.
        with sqlite3.connect(DATABASE) as connection:
            found = [row[0] for row in connection.execute("SELECT discovered_at FROM items WHERE is_mention = 1")]
        days = {datetime.fromtimestamp(moment, ZoneInfo("Europe/London")).date().isoformat() for moment in found}
        day = min(days)
        head.get(BASE + "/digest?date=" + day)
        figures = {item.find_element(By.TAG_NAME, "dt").text: item.find_element(By.TAG_NAME, "dd").text
                   for item in head.find_elements(By.CSS_SELECTOR, ".stats div")}
        expected = sum(1 for moment in found
                       if datetime.fromtimestamp(moment, ZoneInfo("Europe/London")).date().isoformat() == day)
        self.assertGreater(expected, 50)
        self.assertEqual(int(figures["Mentions"]), expected)
        self.assertEqual(len(head.find_elements(By.CSS_SELECTOR, "table.bars")), 2)
        if SCREENSHOTS:
            head.save_screenshot(os.path.join(SCREENSHOTS, "workspace-digest.png"))

        head.find_element(By.LINK_TEXT, "Feeds").click()
        self.assertEqual(head.find_element(By.TAG_NAME, "h1").text, "Feeds and pages")
        self.assertRegex(head.find_element(By.CSS_SELECTOR, ".count").text, r"^\d+ sources, \d+ failing")

        head.find_element(By.LINK_TEXT, "Mentions").click()
        search = head.find_element(By.ID, "q")
        search.send_keys("uniform")
        submit(head, head.find_element(By.CSS_SELECTOR, "form[role=search] button"))
        self.assertTrue(head.find_elements(By.CSS_SELECTOR, "li.case"))
        self.assertEqual(head.find_element(By.ID, "q").get_attribute("value"), "uniform")
        head.get(BASE + "/mentions?q=zebracrossingquiz")
        self.assertIn("No mentions match.", head.find_element(By.TAG_NAME, "main").text)

    def test_communications_cannot_open_a_safeguarding_case(self):
        with sqlite3.connect(DATABASE) as connection:
            row = connection.execute("SELECT id FROM cases WHERE primary_concern = 'safeguarding' "
                                     "OR concerns LIKE '%safeguarding%' ORDER BY id LIMIT 1").fetchone()
        self.assertIsNotNone(row, "the samples hold a safeguarding case")
        comms = self.signed_in("comms")
        comms.get(f"{BASE}/cases/{row[0]}")
        self.assertEqual(comms.find_element(By.TAG_NAME, "h1").text, "Not allowed")
        dsl = self.signed_in("dsl")
        dsl.get(f"{BASE}/cases/{row[0]}")
        self.assertTrue(dsl.find_element(By.TAG_NAME, "h1").text.startswith(f"Case {row[0]}"))

    def test_a_forged_form_post_without_the_csrf_token_is_refused(self):
        comms = self.signed_in("comms")
        href = self.queue_links(comms)[-1][0]
        case_id = int(href.rstrip("/").split("/")[-1])
        before = case_status(case_id)
        comms.get(href)
        # Strip the hidden token from the dismiss form, as a form made on another page would lack it.
        comms.execute_script(
            "const form = document.querySelector(\"form[action$='/dismiss']\");"
            "form.querySelector(\"input[name='csrf_token']\").remove();")
        comms.find_element(By.ID, "dismiss-reason").send_keys("forged")
        submit(comms, comms.find_element(By.CSS_SELECTOR, "form[action$='/dismiss'] button"))
        self.assertEqual(comms.find_element(By.TAG_NAME, "h1").text, "Not allowed")
        self.assertIn("did not come from the workspace", comms.find_element(By.CSS_SELECTOR, ".notice.error").text)
        self.assertEqual(case_status(case_id), before)


class TrustWorkspaceBrowserTests(unittest.TestCase):
    """A trust's workspace: each school's staff see their own school's cases only."""

    def setUp(self):
        self.browsers = []
        self.base = os.environ["EARSHOT_TRUST_URL"]

    def tearDown(self):
        for browser in self.browsers:
            browser.quit()

    def signed_in(self, name):
        browser = new_browser()
        self.browsers.append(browser)
        browser.get(self.base + "/login")
        browser.find_element(By.ID, "name").send_keys(name)
        browser.find_element(By.ID, "password").send_keys(PASSWORD)
        submit(browser, browser.find_element(By.CSS_SELECTOR, "form[action='/login'] button"))
        self.assertEqual(browser.find_element(By.TAG_NAME, "h1").text, "Case queue")
        return browser

    def cases_of(self, school):
        with sqlite3.connect(os.environ["EARSHOT_TRUST_DATABASE"]) as connection:
            return [row[0] for row in connection.execute(
                "SELECT id FROM cases WHERE school_id = ? ORDER BY id", (school,)).fetchall()]

    def test_a_schools_staff_get_not_found_for_another_schools_case(self):
        kingsmead, oakfield = self.cases_of("kingsmead"), self.cases_of("oakfield")
        self.assertTrue(kingsmead and oakfield, "the trust samples open cases at both schools")
        office = self.signed_in("kingsmead-office")
        listed = {int(re.search(r"/cases/(\d+)$", link.get_attribute("href")).group(1))
                  for link in office.find_elements(By.CSS_SELECTOR, "li.case .case-title a")}
        self.assertTrue(listed, "the queue lists Kingsmead's cases")
        self.assertTrue(listed <= set(kingsmead), "and no other school's")
        office.get(f"{self.base}/cases/{kingsmead[0]}")
        self.assertTrue(office.find_element(By.TAG_NAME, "h1").text.startswith(f"Case {kingsmead[0]}"))
        for case_id in oakfield:
            office.get(f"{self.base}/cases/{case_id}")
            self.assertEqual(office.find_element(By.TAG_NAME, "h1").text, "Not found",
                             "another school's case is not found, not merely forbidden")
        # Acting on it is refused the same way, and changes nothing.
        with sqlite3.connect(os.environ["EARSHOT_TRUST_DATABASE"]) as connection:
            before = connection.execute("SELECT status FROM cases WHERE id = ?", (oakfield[0],)).fetchone()[0]
        office.get(f"{self.base}/cases/{kingsmead[0]}")
        token = office.find_element(By.CSS_SELECTOR, "input[name='csrf_token']").get_attribute("value")
        office.execute_script(
            "const form = document.createElement('form'); form.method = 'post';"
            f"form.action = '/cases/{oakfield[0]}/dismiss';"
            "for (const [name, value] of [['csrf_token', arguments[0]], ['reason', 'not ours']]) {"
            "  const input = document.createElement('input'); input.name = name; input.value = value; form.appendChild(input); }"
            "document.body.appendChild(form); window.earshotPreviousPage = true; form.submit();", token)
        WebDriverWait(office, 15).until(lambda driver: driver.execute_script(
            "return window.earshotPreviousPage === undefined && document.readyState === 'complete'"))
        self.assertEqual(office.find_element(By.TAG_NAME, "h1").text, "Not found")
        with sqlite3.connect(os.environ["EARSHOT_TRUST_DATABASE"]) as connection:
            after = connection.execute("SELECT status FROM cases WHERE id = ?", (oakfield[0],)).fetchone()[0]
        self.assertEqual(after, before)

    def test_the_trusts_staff_see_every_school_but_safeguarding_stays_with_the_dsl(self):
        head = self.signed_in("trust-head")
        text = head.find_element(By.TAG_NAME, "main").text
        for school in ("Millbrook Academy", "Kingsmead Academy", "Oakfield High School"):
            self.assertIn(school, text)
        with sqlite3.connect(os.environ["EARSHOT_TRUST_DATABASE"]) as connection:
            safeguarding = connection.execute(
                "SELECT id FROM cases WHERE school_id = 'oakfield' AND primary_concern = 'safeguarding'").fetchone()[0]
        head.get(f"{self.base}/cases/{safeguarding}")
        self.assertEqual(head.find_element(By.TAG_NAME, "h1").text, "Not allowed")


if __name__ == "__main__":
    unittest.main(verbosity=2)
