"""The view of `isnad serve` in a real browser (Debian's headless Chromium through Selenium):
/view must draw the actor network (nodes and edges), the map of places and the timeline,
and clicking a timeline row must fill the evidence panel with the event's sentences, each
with its claimant and stance. A screenshot is taken and checked for drawn content (many
distinct colours in the network), and the page may load nothing from outside the server.

usage: check_view.py URL SCREENSHOT.png"""
import io
import os
import sys
import tempfile

from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

url, shot = sys.argv[1].rstrip("/"), sys.argv[2]
options = webdriver.ChromeOptions()
options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-dev-shm-usage", "--window-size=1200,1400", f"--user-data-dir={tempfile.mkdtemp()}"):
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
try:
    driver.get(url + "/view")
    wait = WebDriverWait(driver, 30)
    wait.until(lambda d: d.find_element(By.ID, "status").get_attribute("data-ready") in ("yes", "error"))
    status = driver.find_element(By.ID, "status").text
    assert driver.find_element(By.ID, "status").get_attribute("data-ready") == "yes", status
    nodes = driver.find_elements(By.CSS_SELECTOR, "#network circle")
    edges = driver.find_elements(By.CSS_SELECTOR, "#network line.edge")
    places = driver.find_elements(By.CSS_SELECTOR, "#map circle.place")
    rows = driver.find_elements(By.CSS_SELECTOR, "#timeline tr.event")
    assert len(nodes) >= 5, f"{len(nodes)} nodes"
    assert len(edges) >= 3, f"{len(edges)} edges"
    assert len(places) >= 1, f"{len(places)} places"
    assert len(rows) >= 5, f"{len(rows)} timeline rows"
    # Clicking an event shows its mentions: the evidence sentence, claimant and stance.
    rows[0].click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#evidence li")) > 0)
    items = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#evidence li")]
    assert all("«" in t and "»" in t for t in items), items
    assert any("\u0600" <= ch <= "\u06ff" for ch in items[0]), items
    png = driver.get_screenshot_as_png()
    with open(shot, "wb") as f:
        f.write(png)
    net = driver.find_element(By.ID, "network").rect
    image = Image.open(io.BytesIO(png)).convert("RGB")
    box = (int(net["x"]), int(net["y"]), int(net["x"] + net["width"]), int(net["y"] + net["height"]))
    colours = len(image.crop(box).getcolors(maxcolors=1 << 24) or [])
    assert colours > 20, f"the network area has {colours} colours: nothing drawn"
    outside = [e["name"] for e in driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => ({name: e.name}))")
        if not e["name"].startswith(url)]
    assert not outside, outside
    print(f"view: {len(nodes)} nodes, {len(edges)} edges, {len(places)} places, {len(rows)} timeline rows, "
          f"{len(items)} evidence sentences for the first event; {colours} colours drawn; screenshot {shot}")
finally:
    driver.quit()
