"""A real browser against `isnad serve`: headless Chromium (Debian's, driven by chromedriver
through Selenium) loads the page at /, picks each saved query from the list, clicks Run and
reads the results table. The table must hold the rows `isnad query NAME --format json` gave
on the store (written by check_sparqlwrapper.py's `direct` mode), and the page may load
nothing from outside the server.

usage: check_page.py URL DIRECT_FOLDER"""
import json
import os
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

url, folder = sys.argv[1].rstrip("/"), sys.argv[2]
options = webdriver.ChromeOptions()
options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-dev-shm-usage", f"--user-data-dir={tempfile.mkdtemp()}"):
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
try:
    driver.get(url + "/")
    wait = WebDriverWait(driver, 30)
    wait.until(lambda d: len(Select(d.find_element(By.ID, "saved")).options) > 1)
    select = Select(driver.find_element(By.ID, "saved"))
    names = [o.text.split(" — ")[0] for o in select.options[1:]]
    expected = sorted(f[:-5] for f in os.listdir(folder) if f.endswith(".json"))
    assert sorted(names) == expected, f"page lists {names}, queries/ has {expected}"
    checked = 0
    for name in names:
        text = open(f"queries/{name}.rq", encoding="utf-8").read()
        if "?_" in text:  # parameterised: the page runs the text as it is, unbound
            continue
        Select(driver.find_element(By.ID, "saved")).select_by_index(names.index(name) + 1)
        assert driver.find_element(By.ID, "q").get_property("value") == text, f"{name}: text not in the box"
        driver.find_element(By.ID, "run").click()
        wait.until(lambda d: d.find_element(By.ID, "status").text.endswith(" rows"))
        table = driver.find_element(By.ID, "results")
        header = [th.get_property("textContent") for th in table.find_elements(By.CSS_SELECTOR, "tr th")]
        rows = [[td.get_property("textContent") for td in tr.find_elements(By.TAG_NAME, "td")]
                for tr in table.find_elements(By.TAG_NAME, "tr")[1:]]
        want = json.load(open(f"{folder}/{name}.json", encoding="utf-8"))
        assert header == want["head"]["vars"], f"{name}: columns {header} != {want['head']['vars']}"
        want_rows = sorted([b.get(v, {}).get("value", "") for v in header] for b in want["results"]["bindings"])
        assert sorted(rows) == want_rows, f"{name}: {len(rows)} rows in the page, {len(want_rows)} in the store"
        assert driver.find_element(By.ID, "status").text == f"{len(rows)} rows"
        print(f"chromium {name}: {len(rows)} rows shown, same as the store")
        checked += 1
    assert checked >= 5, f"only {checked} saved queries checked"
    outside = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
        ".filter(n => !n.startsWith(location.origin));")
    assert not outside, f"the page loaded from outside the server: {outside}"
    print(f"chromium: the page at {url}/ ran {checked} saved queries; nothing loaded from elsewhere")
finally:
    driver.quit()
