"""A virtual member of the realistic mix: one thread, one cookie, one keep-alive connection.

A member signs in through the login form, then loops until the end of the run: it reads
pages (following redirects as a browser does), replies with a real form POST carrying the
CSRF token of the topic page it is on, toggles reactions as the page's script does
(form data, JSON answer), and now and then signs out and in again. Every request is a
`mix_plan.Record`; every write is kept with what the server acknowledged, for the check
against the database. `run_process` runs several members in one process.
"""

import http.client
import json
import random
import re
import threading
import time
import urllib.parse

from bench.mix_plan import Plan, Record, page_count, recency_weights

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
POST_ID = re.compile(r'data-post-id="(\d+)"')
REACTIONS = ("like", "heart", "thanks", "idea")
TOPICS_PER_PAGE, POSTS_PER_PAGE = 30, 20  # as forums/services/pages.py shows them
IDLE_RECONNECT = 1.0  # seconds: a keep-alive connection idle longer may have been closed
FILLER = (
    "Thank you for sharing this. In our centre we met the **same question** last week:\n\n"
    "- we called the municipality first\n- then the asylum office\n\n"
    "It took two days, but the family got an appointment."
)


class Member:
    """One signed-in member with its own cookie, connection and random stream."""

    def __init__(self, port: int, user: tuple, info: dict, plan: Plan, seed: int, tag: str):
        self.port, (self.user_id, self.email) = port, user
        self.info, self.plan, self.tag = info, plan, tag
        self.rnd = random.Random(seed * 1000 + self.user_id)
        self.connection, self.last_used = None, 0.0
        self.cookies: dict[str, str] = {}
        self.page, self.topic_id, self.sequence = "", None, 0
        self.records: list[Record] = []
        self.replies: list[tuple] = []  # (marker, topic id, acknowledged)
        self.toggles: list[tuple] = []  # (member id, post id, kind, sequence, on or None)
        self.errors: list[str] = []
        topics = info["topic_rows"]
        self.topics = [(tid, page_count(posts, POSTS_PER_PAGE)) for tid, posts in topics]
        self.topic_weights = recency_weights(len(topics))

    # ---- HTTP -------------------------------------------------------------------------------

    def send(self, kind, label, method, path, form=None, expected=200, accept="text/html"):
        """One request on the member's connection; returns (status, headers, text)."""
        if self.connection is None or time.monotonic() - self.last_used > IDLE_RECONNECT:
            self._close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {
            "Accept": accept,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            origin = f"http://127.0.0.1:{self.port}"
            headers.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": origin,
                    "Referer": origin + path,
                }
            )
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            status, answer = response.status, response.msg
        except (OSError, http.client.HTTPException) as error:
            self._close()
            self.errors.append(f"{method} {path}: {error!r}")
            status, answer, text = 0, None, ""
        ms = (time.perf_counter() - started) * 1000
        self.last_used = time.monotonic()
        cache = answer.get("X-Page-Cache", "") if answer else ""
        self.records.append(Record(time.time(), kind, label, status, expected, ms, cache))
        if answer:
            self._keep_cookies(answer.get_all("Set-Cookie") or [])
        return status, answer, text

    def _keep_cookies(self, headers: list[str]) -> None:
        for header in headers:
            name, _, value = header.split(";")[0].strip().partition("=")
            attributes = header.lower()
            if not value or "max-age=0" in attributes or "01 jan 1970" in attributes:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

    def _close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def get_page(self, label, path, kind="read", topic_id=None):
        """GET a page, following one redirect as a browser does; it becomes the current page."""
        expected = 302 if label in ("unread",) else 200
        status, headers, text = self.send(kind, label, "GET", path, expected=expected)
        if status == 302:
            location = urllib.parse.urlsplit(headers.get("Location", ""))
            path = location.path + (f"?{location.query}" if location.query else "")
            status, headers, text = self.send(kind, f"{label} -> page", "GET", path)
        if status == 200:
            self.page, self.topic_id = text, topic_id

    # ---- actions ----------------------------------------------------------------------------

    def _topic(self) -> tuple[int, int]:
        return self.rnd.choices(self.topics, weights=self.topic_weights)[0]

    def read(self) -> None:
        """Read one page of the kind the plan draws."""
        info, rnd, label = self.info, self.rnd, self.plan.read(self.rnd)
        if label in ("topic", "unread"):
            topic_id, pages = self._topic()
            if label == "unread":
                path = info["unread_pattern"].format(topic_id)
            else:
                page = rnd.randint(1, pages)
                path = info["topic_pattern"].format(topic_id) + (
                    f"?page={page}" if page > 1 else ""
                )
            self.get_page(label, path, topic_id=topic_id)
        elif label == "category":
            category_id, topics = rnd.choice(info["categories"])
            page = rnd.randint(1, page_count(topics, TOPICS_PER_PAGE))
            path = info["category_pattern"].format(category_id)
            self.get_page(label, path + (f"?page={page}" if page > 1 else ""))
        elif label == "big_topic":
            self.get_page(label, info["topic_path"], topic_id=info["big_topic_id"])
        else:
            self.get_page(label, info["index_path" if label == "index" else "home_path"])

    def _on_topic_page(self) -> bool:
        """Make sure the current page is a topic page (reading one if not); False if none came."""
        for _ in range(3):
            if self.topic_id is not None and POST_ID.search(self.page):
                return True
            topic_id, _ = self._topic()
            self.get_page("topic", self.info["topic_pattern"].format(topic_id), topic_id=topic_id)
        return False

    def _csrf(self) -> str:
        found = CSRF.search(self.page)
        return found.group(1) if found else ""

    def reply(self) -> None:
        """Post a reply to the topic the member is on, through the page's form."""
        if not self._on_topic_page():
            return
        self.sequence += 1
        marker = f"mix-{self.tag}-{self.user_id}-{self.sequence}"
        form = {
            "csrf_token": self._csrf(),
            "body": f"{marker}: {FILLER}",
            "submit": "Post the reply",
        }
        path = self.info["reply_pattern"].format(self.topic_id)
        status, headers, _ = self.send("reply", "reply", "POST", path, form, expected=302)
        location = headers.get("Location", "") if headers else ""
        topic_path = self.info["topic_pattern"].format(self.topic_id)
        acknowledged = status == 302 and urllib.parse.urlsplit(location).path == topic_path
        self.replies.append((marker, self.topic_id, acknowledged))
        if acknowledged:  # the browser shows the topic page at the new reply
            location = urllib.parse.urlsplit(location)
            self.get_page(
                "reply -> page", f"{location.path}?{location.query}", topic_id=self.topic_id
            )

    def react(self) -> None:
        """Toggle a reaction on a post of the page, as the page's script does."""
        if not self._on_topic_page():
            return
        self.sequence += 1
        post_id = int(self.rnd.choice(POST_ID.findall(self.page)))
        kind = self.rnd.choice(REACTIONS)
        form = {"csrf_token": self._csrf(), "kind": kind}
        path = self.info["react_pattern"].format(post_id)
        status, _, text = self.send(
            "reaction", "reaction", "POST", path, form, accept="application/json"
        )
        on = None
        if status == 200:
            try:
                on = bool(json.loads(text)["on"])
            except (ValueError, KeyError, TypeError):
                self.errors.append(f"reaction answer without 'on': {text[:80]!r}")
        self.toggles.append((self.user_id, post_id, kind, self.sequence, on))

    def sign_in(self, recorded: bool = True) -> None:
        """Sign out (when signed in), then in through the login form, landing on home."""
        info = self.info
        if self.page:  # signed in: sign out with the page's token, keeping the new cookie
            form = {"csrf_token": self._csrf()}
            self.send("sign-in", "sign-out", "POST", info["logout_path"], form, expected=302)
        self.get_page("login page", info["login_path"], kind="sign-in")
        form = {"csrf_token": self._csrf(), "email": self.email, "password": info["password"]}
        status, _, _ = self.send("sign-in", "sign-in", "POST", info["login_path"], form, 302)
        if status != 302:
            self.errors.append(f"sign-in of {self.email} answered {status}")
        self.get_page("home", info["home_path"])
        if not recorded:
            self.records.clear()

    def run(self, until: float) -> None:
        """Act until `until` (time.time()), as the plan says."""
        actions = {"read": self.read, "reply": self.reply, "reaction": self.react}
        while time.time() < until:
            action = self.plan.action(self.rnd)
            actions.get(action, self.sign_in)()
            if pause := self.plan.pause(self.rnd):
                time.sleep(pause)


def run_process(port, users, info, plan, seed, tag, seconds, barrier, results) -> None:
    """Run `users` as members in threads: sign in, wait for every process, act `seconds`.

    Puts (start, records, replies, toggles, CPU seconds, errors) on `results`.
    """
    members = [Member(port, user, info, plan, seed, tag) for user in users]
    ready = threading.Barrier(len(members) + 1)
    go = threading.Event()
    clock = {}

    def live(member: Member) -> None:
        member.sign_in(recorded=False)
        ready.wait()
        go.wait()
        member.run(clock["start"] + seconds)

    threads = [threading.Thread(target=live, args=(m,), daemon=True) for m in members]
    for thread in threads:
        thread.start()
    ready.wait()
    barrier.wait()
    cpu = time.process_time()
    clock["start"] = time.time()
    go.set()
    for thread in threads:
        thread.join()
    records = [record for m in members for record in m.records]
    replies = [reply for m in members for reply in m.replies]
    toggles = [toggle for m in members for toggle in m.toggles]
    errors = [error for m in members for error in m.errors]
    results.put((clock["start"], records, replies, toggles, time.process_time() - cpu, errors))
