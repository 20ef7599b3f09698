"""thidua serve in a real browser: headless Chromium, driven by Selenium, through the whole year on the bundled example.

A real server (uvicorn, in a thread, on a free port of 127.0.0.1) on a copy of the example's round; the browser does
what a council's secretary does, in Vietnamese (the default): opens the round, sees what is missing, downloads a
unit's form, fills it (openpyxl, as Excel would), uploads it with a mistake and then without, opens a unit's
explanation, enters the meeting's details with the keyboard alone, a correction, decisions and ballots, finalizes
(two different people), downloads the minutes, the proposal and the report, and compares next year's draft. The record
it writes must verify with `thidua verify`.

Needs Debian's chromium and chromium-driver: the test skips without them, but fails when THIDUA_REQUIRE_BROWSER=1
(.ci/run installs both and sets it). THIDUA_SCREENSHOTS=docs saves the main pages' screenshots (a fixed 1280×900
window) as docs/serve-*.png for the README; without it they go only to the test's own folder.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
import uvicorn
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from scoring import wording
from scoring.cli import main
from scoring.explain import explain
from scoring.pipeline import score_round
from scoring.serve import listen
from scoring.serve.app import create_app
from scoring.serve.layout import find_layout
from scoring.wording import msg, word
from tests.serving import round_folder
from tests.shared import CCB, ROOT
from tests.test_spreadsheet import fill

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")  # Debian's chromium-driver
# CI installs both and sets THIDUA_REQUIRE_BROWSER=1, so there the test fails rather than skips.
BROWSER_MISSING = (CHROMIUM is None or CHROMEDRIVER is None) and not os.environ.get("THIDUA_REQUIRE_BROWSER")
WINDOW = (1280, 900)  # the screenshots' size, fixed so that they do not change with the machine
WAIT = 120  # seconds, at most, for a page or a download on a loaded machine


def vi(message: wording.Msg) -> str:
    with wording.use("vi"):
        return word(message)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The example's round without Lạng Sơn's submission and without a review, served at http://127.0.0.1:PORT."""
    folder = round_folder(tmp_path, without=("lang-son",), review=False)
    app = create_app(find_layout(folder), lang="vi")
    sock = listen("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT
    while not server.started:
        assert thread.is_alive(), "the server stopped at start"
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}", folder
    finally:
        server.should_exit = True
        thread.join(WAIT)
        sock.close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    assert CHROMIUM is not None, "the Debian package chromium is needed"
    assert CHROMEDRIVER is not None, "the Debian package chromium-driver is needed"
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        "--force-device-scale-factor=1",
        "--hide-scrollbars",
        "--lang=vi",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "profile.default_content_setting_values.automatic_downloads": 1,
        },
    )
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))  # the driver given: nothing is fetched
    driver.set_page_load_timeout(WAIT)
    # --window-size counts the browser's own frame: grow the window until the page itself is WINDOW
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    driver.set_window_size(2 * WINDOW[0] - inner[0], 2 * WINDOW[1] - inner[1])
    try:
        yield driver
    finally:
        driver.quit()


class Secretary:
    """What the test does in the browser, in the words of what a person does."""

    def __init__(self, driver: WebDriver, address: str, tmp_path: Path) -> None:
        self.driver = driver
        self.address = address
        self.downloads = tmp_path / "downloads"
        self.shots = tmp_path / "screenshots"
        self.shots.mkdir()

    def open(self, path: str) -> None:
        self.driver.get(self.address + path)

    def text(self) -> str:
        return " ".join(self.driver.find_element(By.TAG_NAME, "main").text.split())

    def by_id(self, id_: str) -> WebElement:
        return self.driver.find_element(By.ID, id_)

    def click(self, element: WebElement) -> None:
        """A click that leads to a new page: waits until the old one is gone and the new one has loaded."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        element.click()
        WebDriverWait(self.driver, WAIT).until(
            lambda d: _gone(old) and d.execute_script("return document.readyState") == "complete"
        )

    def type_into(self, id_: str, value: str) -> None:
        field = self.by_id(id_)
        field.clear()
        field.send_keys(value)

    def choose(self, id_: str, value: str) -> None:
        Select(self.by_id(id_)).select_by_value(value)

    def download(self, link: WebElement, name: str) -> bytes:
        """Clicks a download link and waits for the file to arrive whole (Chrome writes a .crdownload first)."""
        target = self.downloads / name
        target.unlink(missing_ok=True)
        link.click()
        WebDriverWait(self.driver, WAIT).until(
            lambda _: target.is_file() and not any(p.suffix == ".crdownload" for p in self.downloads.iterdir())
        )
        return target.read_bytes()

    def screenshot(self, name: str, at: WebElement | None = None) -> Path:
        """The window as it is (scrolled to `at` when given), saved as serve-NAME.png."""
        if at is not None:
            self.driver.execute_script("arguments[0].scrollIntoView(true); window.scrollBy(0, -8);", at)
        else:
            self.driver.execute_script("window.scrollTo(0, 0);")
        path = self.shots / f"serve-{name}.png"
        assert self.driver.save_screenshot(str(path))
        return path


def _gone(element: WebElement) -> bool:
    try:
        element.tag_name  # noqa: B018 - asking the old page's element anything tells whether it is still there
    except StaleElementReferenceException:
        return True
    return False


def filled(raw: bytes, unit: str, change: Callable[[openpyxl.Workbook], None] | None = None) -> bytes:
    """A unit's downloaded form with its figures typed in (as a secretary does in Excel)."""
    book = openpyxl.load_workbook(io.BytesIO(raw))
    fill(book.worksheets[0], unit)
    if change is not None:
        change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


PEOPLE = {
    "date": "10/10/2023",
    "place": "Thành phố Cao Bằng",
    "chair": "Thiếu tướng Triệu Văn Ngô",
    "secretary": "Nông Văn Triệu",
}
REVIEWER = "Nông Văn Triệu (thư ký Hội đồng)"
APPROVER = "Thiếu tướng Triệu Văn Ngô (Cụm trưởng)"


@pytest.mark.skipif(BROWSER_MISSING, reason="chromium or chromium-driver is not installed (CI installs both)")
def test_a_whole_year_in_the_browser_from_the_missing_form_to_the_verified_record_and_its_documents(
    served: tuple[str, Path], browser: WebDriver, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    address, folder = served
    me = Secretary(browser, address, tmp_path)

    # 1. The round at a glance: the criteria read, Lạng Sơn has not submitted, nothing is scored yet.
    me.open("/")
    assert browser.title == f"{vi(msg('The round at a glance'))} — thidua"
    said = me.text()
    assert f"✓ {vi(msg('The criteria file reads without a problem'))}" in said
    assert f"{vi(msg('Units that have not submitted'))} (1) lang-son — {vi(msg('download its form (.xlsx)'))}" in said
    assert vi(msg("Scores, ranking and proposed awards")) not in said

    # 2. The form: downloaded from the page, the same file as `thidua template --unit lang-son`.
    form = me.download(
        browser.find_element(By.CSS_SELECTOR, 'a[href="/forms/lang-son.xlsx"]'), "hoi-ccb-cum-3-2023-lang-son.xlsx"
    )
    capsys.readouterr()
    assert main(["template", str(CCB), "--unit", "lang-son", "-o", str(tmp_path / "form.xlsx"), "--lang", "vi"]) == 0
    assert form == (tmp_path / "form.xlsx").read_bytes()

    # 3. Filled with a word where a number goes: refused, the problem at its cell, nothing saved.
    def words_for_members(book: openpyxl.Workbook) -> None:
        book.worksheets[0]["G7"] = "nhiều"  # members: a whole number

    wrong, right = tmp_path / "wrong" / "lang-son.xlsx", tmp_path / "right" / "lang-son.xlsx"
    for path, raw in ((wrong, filled(form, "lang-son", words_for_members)), (right, filled(form, "lang-son"))):
        path.parent.mkdir()
        path.write_bytes(raw)
    me.open("/forms")
    me.by_id("files").send_keys(str(wrong))
    me.click(browser.find_element(By.CSS_SELECTOR, 'form[action="/forms/upload"] button[type="submit"]'))
    said = me.text()
    assert f"lang-son.xlsx — {vi(msg('not saved'))} (1)" in said
    assert "G7" in said
    assert not (folder / "submissions" / "lang-son.xlsx").exists()

    # 4. Filled right: saved into submissions/ as the unit's file, and the round scores.
    me.by_id("files").send_keys(str(right))
    me.click(browser.find_element(By.CSS_SELECTOR, 'form[action="/forms/upload"] button[type="submit"]'))
    assert "✓ lang-son.xlsx → submissions/lang-son.xlsx" in me.text()
    assert (folder / "submissions" / "lang-son.xlsx").read_bytes() == right.read_bytes()
    forms_shot = me.screenshot("forms")
    me.open("/")
    said = me.text()
    assert f"✓ {vi(msg('Every unit has submitted'))}" in said
    # as from Lạng Sơn's YAML file: 85,39 = 12,75 + 20,77 + 8,78 + 16,36 + 26,23
    assert "4 Hội CCB tỉnh Lạng Sơn lang-son 12,75 20,77 8,78 16,36 26,23 85,39" in said
    rows = browser.find_elements(By.CSS_SELECTOR, "table.scores tbody tr")
    assert [r.find_element(By.CSS_SELECTOR, ".id").text for r in rows] == [
        "cao-bang",
        "thai-nguyen",
        "bac-giang",
        "lang-son",
        "bac-kan",
        "bac-ninh",
    ]
    glance_shot = me.screenshot("glance")

    # 5. Why this score: a click on Bắc Kạn's name opens its explanation, the same story as `thidua explain`.
    me.click(browser.find_element(By.LINK_TEXT, "Hội CCB tỉnh Bắc Kạn"))
    assert browser.current_url == f"{address}/unit/bac-kan"
    with wording.use("vi"):
        story = explain(score_round(folder / "criteria.yaml", [folder / "submissions"]).results, "bac-kan")
    said = me.text()
    assert " ".join(story.text.split()) in said
    for child in story.children:
        assert " ".join(child.text.replace(f"{folder}/", "").split()) in said
    assert "84,60" in said  # Bắc Kạn's total, below the Bằng khen's minimum of 85
    unit_shot = me.screenshot("unit")

    # 6. The meeting's details, typed with the keyboard alone: Tab goes from each field to the next, in reading order.
    me.open("/meeting")
    assert vi(msg("Enter the meeting's details first; then the corrections, decisions and ballots")) in me.text()
    me.by_id("date").click()
    order = []
    values = {**PEOPLE, "attendees": "Đại tá Nguyễn Thắng\nThiếu tướng Triệu Văn Ngô", "reviewed_by": REVIEWER}
    values["approved_by"] = REVIEWER  # the same person twice, at first: a rule the page shows
    while len(order) < 20:
        active = browser.switch_to.active_element
        order.append(active.get_attribute("id"))
        if order[-1] not in values and order[-1] in ("save-details", ""):
            break
        if order[-1] in values:
            active.send_keys(values[order[-1]])
        active.send_keys(Keys.TAB)
    assert order == [
        "date",
        "place",
        "chair",
        "secretary",
        "attendees",
        "issuer_parent",
        "issuer",
        "locality",
        "number",
        "start",
        "end",
        "reviewed_by",
        "approved_by",
        "save-details",
    ]
    old = browser.find_element(By.TAG_NAME, "html")
    browser.switch_to.active_element.send_keys(Keys.ENTER)  # the button, pressed from the keyboard
    WebDriverWait(browser, WAIT).until(lambda _: _gone(old))
    same = vi(msg("the same person reviewed and approved ({name}); two people must finalize", name=REVIEWER))
    assert same in me.text()
    assert not browser.find_elements(By.ID, "finalize")

    # 7. Two different people; a correction, with its reason and evidence; the decisions and the ballots.
    me.type_into("approved_by", APPROVER)
    me.click(me.by_id("save-details"))
    assert same not in me.text()
    me.choose("c-unit", "bac-kan")
    me.choose("c-indicator", "new_members")
    me.type_into("c-value", "330")
    me.type_into("c-reason", "Bổ sung 12 hội viên kết nạp đợt ngày 30/9/2023")
    me.type_into("c-evidence", "Biên bản kiểm tra chéo số 03/BB-KTC")
    me.click(me.by_id("add-correction"))
    # The correction lifts Bắc Kạn into the Bằng khen's seat, and with no ballot yet that is a rule broken
    assert "Bằng khen của Trung ương Hội CCB Việt Nam cho bac-kan: chưa ghi kết quả bỏ phiếu" in me.text()
    me.choose("d-unit", "bac-kan")
    me.choose("d-award", "none")
    me.choose("d-decision", "override")
    me.type_into("d-reason", "Đơn vị Cụm trưởng xin nhường")
    me.click(me.by_id("add-decision"))
    for unit, award, in_favour in (("cao-bang", "co-thi-dua-tw", "6"), ("thai-nguyen", "bang-khen-tw", "5")):
        me.choose("d-unit", unit)
        me.choose("d-award", award)
        me.choose("d-decision", "confirm")
        me.click(me.by_id("add-decision"))
        me.choose("b-award", award)
        me.choose("b-unit", unit)
        for field, value in (("voters", "6"), ("in_favour", in_favour), ("against", "0"), ("abstain", str(6 - int(in_favour)))):
            me.type_into(f"b-{field}", value)
        me.click(me.by_id("add-ballot"))
    finalize = browser.find_elements(By.ID, "finalize")
    assert finalize, me.text()  # nothing the decisions break is left
    meeting_shot = me.screenshot("meeting", at=browser.find_element(By.ID, "rescored"))

    # 8. Finalize: the record is written, and it verifies, on the page and with `thidua verify`.
    me.click(finalize[0])
    said = me.text()
    digest = hashlib.sha256((folder / "record.json").read_bytes()).hexdigest()
    assert vi(msg("Record written: {file} (SHA-256 {digest})", file="record.json", digest=digest)) in said
    assert vi(msg("{file}: verified: the input files give this record exactly.", file="record.json")) in said
    capsys.readouterr()
    assert main(["verify", str(folder / "record.json")]) == 0
    capsys.readouterr()

    # 9. The documents, downloaded from the page: the minutes and the proposal of the record, the report of the review.
    starts = {"html": b"<!DOCTYPE html>", "docx": b"PK\x03\x04", "pdf": b"%PDF"}
    for kind, name in (("minutes", "bien-ban"), ("proposal", "to-trinh"), ("report", "bao-cao")):
        for suffix, start in starts.items():
            link = browser.find_element(By.CSS_SELECTOR, f'a[href="/documents/{kind}.{suffix}"]')
            assert me.download(link, f"{name}.{suffix}").startswith(start), f"{name}.{suffix}"
    minutes = (me.downloads / "bien-ban.html").read_text(encoding="utf-8")
    assert "Nông Văn Triệu" in minutes
    assert "Bổ sung 12 hội viên kết nạp đợt ngày 30/9/2023" in minutes

    # 10. Next year: the draft's diff in meaning and what it would have done to this round.
    me.open("/next")
    me.choose("criteria", "2024.yaml")
    me.click(me.by_id("compare"))
    said = me.text()
    assert vi(msg("What the draft changes")) in said
    assert vi(msg("This round under the draft criteria")) in said
    next_shot = me.screenshot("next")

    shots = (glance_shot, unit_shot, forms_shot, meeting_shot, next_shot)
    for shot in shots:
        png = shot.read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == WINDOW
    wanted = os.environ.get("THIDUA_SCREENSHOTS")
    if wanted:  # only when asked: a normal run writes nothing into the repository
        target = ROOT / wanted
        target.mkdir(parents=True, exist_ok=True)
        for shot in shots:
            shutil.copyfile(shot, target / shot.name)
