"""One Streamlit session over its WebSocket, as a browser tab speaks it, without a browser.

    session = Session("http://127.0.0.1:8501")
    first = session.open(page="heatmap", query="T=100&sigma=0.8")
    move = session.set_widget("heatmap_sigma", 1.25)  # RerunStats: latency, bytes, figures, errors
    session.close()

What the browser does, and so what this client does (read from Streamlit 1.67.0: the Starlette
WebSocket handler, `streamlit.runtime` and the frontend's connection manager):

1. GET the page (the HTML; a load balancer may set its affinity cookie here), then GET
   `/_stcore/health`, which sets the `_streamlit_xsrf` cookie. Each Session keeps its own
   cookie jar, so behind a balancer that pins sessions by cookie each user stays on its replica.
2. Open `ws(s)://HOST/_stcore/stream` with those cookies and the subprotocol list
   `streamlit, <xsrf token>`: the server selects the first entry and checks the second against
   the cookie (a third entry would be a session id to reconnect to; a fresh tab sends none).
3. Send a `BackMsg.rerun_script` (a ClientState): the URL's query string, the page (`page_name`
   from the URL path on the first run, then the `page_script_hash` that the `navigation` message
   named, or `new_session` for an app without st.navigation), every mounted widget's value
   (`widget_states`) and the hashes of the large messages already held (`cached_message_hashes`,
   so the server may send a `ref_hash` instead).
4. Read ForwardMsgs until `script_finished` says the run is over. A run that ends
   FINISHED_EARLY_FOR_RERUN is followed by another run (the app's first visit reruns through its
   entry point), so a rerun is over at FINISHED_SUCCESSFULLY, FINISHED_WITH_COMPILE_ERROR or, for
   a fragment's run, FINISHED_FRAGMENT_RUN_SUCCESSFULLY.

A widget change is one more `rerun_script` with the full widget states, the changed one at its
new value; a button press is the same with that button's `trigger_value` set for that one run.
A fragment with `run_every` makes the server send `auto_rerun` (fragment id, interval in s); the
browser then reruns that fragment on a timer, which `watch()` does.

No permessage-deflate: websocket-client does not offer it, and Streamlit leaves it off unless
`server.enableWebsocketCompression` is set (then a browser would cost the server compression).

Plain synchronous sockets (`websocket-client`, `urllib`): under Locust, gevent's monkey-patching
makes each blocking call a greenlet switch, so one process holds many sessions.
"""

from __future__ import annotations

import hashlib
import http.cookiejar
import time
import urllib.parse
import urllib.request
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import websocket
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

# Red alerts that are the lab's content, not errors: the heatmap's "exploding" verdict.
LAB_RED_VERDICTS = ("Exploding:", "梯度爆炸：")
# A rerun is over at one of these `script_finished` values (FINISHED_EARLY_FOR_RERUN is not).
_FULL_RUN_DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}
_FRAGMENT_DONE = _FULL_RUN_DONE | {ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
_MAX_CACHED = 256  # message hashes remembered per session (each entry is a few bytes, not the message)


@dataclass
class Widget:
    """A widget as the page last drew it: its element id, kind, label, user key and current value.

    `id` is Streamlit's element id, "$$ID-<hash>-<key>" ("None" when the widget has no key);
    `kind` the Element oneof name ("slider", "number_input", "checkbox", "selectbox", "button", ...).
    """

    id: str
    kind: str
    label: str
    value: object = None  # what this tab would send: list[float] for a slider, None for a button

    @property
    def key(self) -> str | None:
        """The user key the app gave the widget (the id's last part), or None."""
        key = self.id.rsplit("-", 1)[-1] if self.id.startswith("$$ID-") else None
        return None if key in (None, "None") else key


@dataclass
class RerunStats:
    """One rerun as this client saw it. Times in s from sending the BackMsg (a perf_counter clock)."""

    latency_s: float | None = None  # until the `script_finished` that ends the run; None: never
    figure_s: float | None = None  # until the last delta carrying a Plotly chart (None: no chart)
    deltas: int = 0  # Delta ForwardMsgs received (elements, blocks, references to cached ones)
    bytes: int = 0  # bytes of all ForwardMsgs received during the rerun
    figures: dict[str, str] = field(default_factory=dict)  # chart key (or id) -> digest of its spec
    figure_at: dict[str, float] = field(default_factory=dict)  # chart key -> s until it arrived
    errors: list[str] = field(default_factory=list)  # exception boxes, red alerts, page not found, ...
    full_run: bool = False  # the whole page ran (a new_session came), not only a fragment

    @property
    def saw_figure(self) -> bool:
        """At least one Plotly chart was drawn (or re-sent as a reference) in this rerun."""
        return bool(self.figures)

    @property
    def error(self) -> str | None:
        """The errors in one line, or None when the rerun was clean."""
        return "; ".join(self.errors) if self.errors else None


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _widget_value(kind: str, element: Any) -> object:
    """The value a browser tab sends for a widget just drawn: the server's `value` when it set one
    (`set_value`, e.g. from session state), else the widget's default.

    Sliders, number inputs, checkboxes (and toggles) and select boxes only: None for any other
    kind, which is then left out of the widget states, and the server keeps its last value.
    """
    if kind == "slider":
        return list(element.value) if element.set_value else list(element.default)
    if kind == "number_input":
        if element.set_value or element.HasField("value"):
            return element.value
        return element.default if element.HasField("default") else None
    if kind == "checkbox":
        return element.value if element.set_value else element.default
    if kind == "selectbox":
        if element.set_value:
            return element.raw_value
        return element.options[element.default] if 0 <= element.default < len(element.options) else None
    return None


def _state(widget: Widget, element_kinds: dict[str, int]) -> WidgetState | None:
    """The WidgetState proto for one widget's current value (None: nothing to send)."""
    if widget.value is None:
        return None
    state = WidgetState(id=widget.id)
    if widget.kind == "slider":
        state.double_array_value.data[:] = [float(v) for v in widget.value]
    elif widget.kind == "number_input":
        if element_kinds.get(widget.id) == 0:  # NumberInput.INT
            state.int_value = int(widget.value)
        else:
            state.double_value = float(widget.value)
    elif widget.kind == "checkbox":
        state.bool_value = bool(widget.value)
    elif widget.kind == "selectbox":
        state.string_value = str(widget.value)
    else:
        return None
    return state


class Session:
    """One browser tab's Streamlit session: open a page, change widgets, press buttons, watch fragments.

    `timeout_s` bounds each rerun (and the connection); a rerun that passes it returns with an error.
    `allowed_red` are red alerts' opening words that are content, not errors.
    """

    def __init__(
        self, base_url: str, timeout_s: float = 120.0, allowed_red: tuple[str, ...] = LAB_RED_VERDICTS
    ):
        self.base = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self.allowed_red = allowed_red
        self.jar = http.cookiejar.CookieJar()
        self._http = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self._ws: websocket.WebSocket | None = None
        self.query_string = ""  # the URL's query, as the page last published it (page_info_changed)
        self.page_name = ""
        self.page_script_hash = ""  # the page being viewed: from `navigation`, else `new_session`
        self.session_id = ""
        self.replica: str | None = None  # the X-Lab-Replica header of the page, behind ./lab serve
        self.widgets: dict[str, Widget] = {}  # element id -> widget, as drawn by the latest runs
        self._number_types: dict[str, int] = {}  # number_input id -> NumberInput.DataType
        self._drawn: set[str] = set()  # widget ids drawn by the full run in progress
        # hash -> (element kind, chart key, spec digest) of each cacheable message received
        self._cache: OrderedDict[str, tuple[str, str | None, str | None]] = OrderedDict()
        self.fragments: dict[str, float] = {}  # fragment id -> auto-rerun interval in s
        self.figures: dict[str, str] = {}  # chart key -> digest of the spec last drawn

    # ------------------------------------------------------------ connecting

    def _cookie_header(self, url: str) -> str:
        request = urllib.request.Request(url)
        self.jar.add_cookie_header(request)
        return request.get_header("Cookie") or ""

    def open(self, page: str = "", query: str = "") -> RerunStats:
        """Load `page` (its URL path, "" for the default page) with `query` and run it once."""
        self.page_name, self.query_string = page.strip("/"), query.lstrip("?")
        url = f"{self.base}/{self.page_name}" + (f"?{self.query_string}" if self.query_string else "")
        with self._http.open(url, timeout=self.timeout_s) as page_response:
            page_response.read()
            # ./lab serve's nginx names the replica that answered (and that the cookie now pins)
            self.replica = page_response.headers.get("X-Lab-Replica")
        self._http.open(f"{self.base}/_stcore/health", timeout=self.timeout_s).read()
        xsrf = next((c.value for c in self.jar if c.name == "_streamlit_xsrf"), None)
        parts = urllib.parse.urlsplit(self.base)
        scheme = "wss" if parts.scheme == "https" else "ws"
        stream = urllib.parse.urlunsplit((scheme, parts.netloc, parts.path + "/_stcore/stream", "", ""))
        self._ws = websocket.create_connection(
            stream,
            timeout=self.timeout_s,
            # The frontend sends this placeholder when XSRF protection is off (no cookie).
            subprotocols=["streamlit", xsrf or "PLACEHOLDER_AUTH_TOKEN"],
            origin=f"{parts.scheme}://{parts.netloc}",
            cookie=self._cookie_header(f"{self.base}/_stcore/stream"),
        )
        return self._rerun(self._client_state())

    def close(self) -> None:
        """Close the WebSocket (the server ends the session)."""
        if self._ws is not None:
            self._ws.close()
            self._ws = None

    # ------------------------------------------------------------ what a tab sends

    def find(self, label_or_key: str, kind: str | None = None) -> Widget:
        """The drawn widget with this user key, else the one with this label; KeyError if none."""
        candidates = [w for w in self.widgets.values() if kind is None or w.kind == kind]
        for test in (lambda w: w.key == label_or_key, lambda w: w.label == label_or_key):
            found = [w for w in candidates if test(w)]
            if found:
                return found[0]
        raise KeyError(
            f"no widget {label_or_key!r} on the page (have {[w.key or w.label for w in candidates]})"
        )

    def _client_state(self, trigger: str | None = None, fragment_id: str = "") -> ClientState:
        """The ClientState of a rerun_script, field by field as the frontend fills it:

        - query_string: the URL's query without "?", as the page last published it;
        - page_name (first run: the URL path) or page_script_hash (then: the page being viewed);
        - widget_states.widgets: one WidgetState per mounted widget, `id` plus one value field
          (double_array_value for a slider, int_value/double_value for a number input, bool_value
          for a checkbox, string_value for a select box, trigger_value for the pressed button);
        - fragment_id + is_auto_rerun: rerun only that fragment, because its run_every timer fired;
        - cached_message_hashes: large messages this tab holds (the server may send ref_hash);
        - context_info: the tab's time zone and locale (st.context).
        """
        state = ClientState(query_string=self.query_string, fragment_id=fragment_id)
        if fragment_id:
            state.is_auto_rerun = True
        if self.page_script_hash:
            state.page_script_hash = self.page_script_hash
        else:
            state.page_name = self.page_name
        for widget in self.widgets.values():
            proto = _state(widget, self._number_types)
            if proto is not None:
                state.widget_states.widgets.append(proto)
        if trigger is not None:
            state.widget_states.widgets.append(WidgetState(id=trigger, trigger_value=True))
        state.cached_message_hashes.extend(self._cache)
        state.context_info.timezone = "UTC"
        state.context_info.timezone_offset = 0
        state.context_info.locale = "en-US"
        return state

    def set_widget(self, label_or_key: str, value: float | int | bool | str) -> RerunStats:
        """Change one widget (by key or label) and rerun, as releasing a slider does."""
        widget = self.find(label_or_key)
        widget.value = [float(value)] if widget.kind == "slider" else value
        return self._rerun(self._client_state())

    def press_button(self, label_or_key: str) -> RerunStats:
        """Click a button: its trigger value is true for this one rerun."""
        return self._rerun(self._client_state(trigger=self.find(label_or_key, "button").id))

    def watch(self, seconds: float) -> list[RerunStats]:
        """Stay on the page for `seconds`, rerunning each auto-rerun fragment on its timer.

        Between runs it keeps reading the socket, as an open tab does: websocket-client answers
        the server's pings inside recv(), and a client that only slept would be dropped once the
        server's ping timeout (30 s in Streamlit 1.67) passed.
        """
        end = time.perf_counter() + seconds
        due = {f: time.perf_counter() + interval for f, interval in self.fragments.items()}
        runs = []
        while time.perf_counter() < end:
            due = {f: due.get(f, time.perf_counter() + i) for f, i in self.fragments.items()}
            fragment, at = min(due.items(), key=lambda item: item[1]) if due else (None, end)
            lost = self._listen(min(at, end) - time.perf_counter())
            if lost:
                runs.append(RerunStats(errors=[lost]))
                break
            if fragment is None or time.perf_counter() >= end:
                continue
            runs.append(self._rerun(self._client_state(fragment_id=fragment), fragment=True))
            due[fragment] = time.perf_counter() + self.fragments.get(fragment, 1.0)
        return runs

    def _listen(self, seconds: float) -> str | None:
        """Read whatever the server sends for `seconds` (pings are answered); an error if the socket died."""
        assert self._ws is not None, "open() first"
        end, stats = time.perf_counter() + seconds, RerunStats()
        while (left := end - time.perf_counter()) > 0:
            self._ws.settimeout(min(left, 1.0))  # short slices, as in _rerun
            try:
                data = self._ws.recv()
            except websocket.WebSocketTimeoutException:
                continue
            except (websocket.WebSocketException, OSError) as err:
                return f"connection lost: {type(err).__name__}: {err}"
            message = ForwardMsg()
            message.ParseFromString(data)
            self._handle(message, stats, time.perf_counter())
        return None

    # ------------------------------------------------------------ what the server sends

    def _rerun(self, state: ClientState, fragment: bool = False) -> RerunStats:
        """Send one rerun_script and read until the run is over."""
        stats = RerunStats()
        assert self._ws is not None, "open() first"
        sent = time.perf_counter()
        self._ws.send_binary(BackMsg(rerun_script=state).SerializeToString())
        done = _FRAGMENT_DONE if fragment else _FULL_RUN_DONE
        while True:
            left = sent + self.timeout_s - time.perf_counter()
            if left <= 0:
                stats.errors.append(f"no script_finished within {self.timeout_s:.0f} s")
                return stats
            # Short slices: a ping the server sends restarts the socket's timeout inside recv(), so
            # one long timeout would never end while the server is alive. Partial frames resume.
            self._ws.settimeout(min(left, 1.0))
            try:
                data = self._ws.recv()
            except websocket.WebSocketTimeoutException:
                continue
            except (websocket.WebSocketException, OSError) as err:
                stats.errors.append(f"connection lost: {type(err).__name__}: {err}")
                return stats
            stats.bytes += len(data)
            message = ForwardMsg()
            message.ParseFromString(data)
            status = self._handle(message, stats, sent)
            if status in done:
                stats.latency_s = time.perf_counter() - sent
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    stats.errors.append("the script failed to compile")
                return stats

    def _handle(self, message: ForwardMsg, stats: RerunStats, sent: float) -> int | None:
        """Apply one ForwardMsg to the session's state; the script_finished status, if it is one."""
        kind = message.WhichOneof("type")
        if kind == "script_finished":
            if message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:  # a full run ended
                self.widgets = {i: w for i, w in self.widgets.items() if i in self._drawn}
            return message.script_finished
        if kind == "new_session":  # a full run starts: its widgets are drawn afresh
            self.page_script_hash = message.new_session.page_script_hash
            self.session_id = message.new_session.initialize.session_id or self.session_id
            self._drawn = set()
            self.fragments.clear()  # as the frontend does: this run re-sends auto_rerun for its fragments
            stats.full_run = True
        elif kind == "navigation":  # st.navigation names the page it runs (new_session: the entry point)
            self.page_script_hash = message.navigation.page_script_hash or self.page_script_hash
        elif kind == "page_info_changed":  # the page wrote the URL (st.query_params)
            self.query_string = message.page_info_changed.query_string
        elif kind == "page_not_found":
            stats.errors.append(f"page not found: {message.page_not_found.page_name!r}")
        elif kind == "auto_rerun":
            self.fragments[message.auto_rerun.fragment_id] = message.auto_rerun.interval
        elif kind == "stop_auto_rerun":
            for fragment_id in message.stop_auto_rerun.fragment_ids:
                self.fragments.pop(fragment_id, None)
        elif kind == "ref_hash":  # a large element this client already holds, unchanged
            stats.deltas += 1
            if message.ref_hash not in self._cache:
                stats.errors.append(f"reference to a message never received: {message.ref_hash}")
                return None
            self._cache.move_to_end(message.ref_hash)
            _, key, digest = self._cache[message.ref_hash]
            if key is not None and digest is not None:  # a chart, drawn again as it was
                stats.figures[key] = self.figures[key] = digest
                stats.figure_s = stats.figure_at[key] = time.perf_counter() - sent
        elif kind == "delta":
            stats.deltas += 1
            if message.delta.WhichOneof("type") == "new_element":
                self._element(message, stats, sent)
        return None

    def _element(self, message: ForwardMsg, stats: RerunStats, sent: float) -> None:
        """A new element: a widget to remember, a chart to fingerprint, or an error to report."""
        element = message.delta.new_element
        kind = element.WhichOneof("type")
        body = getattr(element, kind)
        key = digest = None
        if kind == "plotly_chart":
            key, digest = Widget(body.id, kind, "").key or body.id, _digest(body.spec)
            stats.figures[key] = self.figures[key] = digest
            stats.figure_s = stats.figure_at[key] = time.perf_counter() - sent
        elif kind == "exception":
            stats.errors.append(f"exception box: {body.type}: {body.message[:300]}")
        elif kind == "alert" and body.format == body.ERROR and not body.body.startswith(self.allowed_red):
            stats.errors.append(f"error box: {body.body[:300]}")
        elif hasattr(body, "id") and body.id and kind != "download_button":
            self._drawn.add(body.id)
            old = self.widgets.get(body.id)
            value = _widget_value(kind, body)
            # A tab keeps the value its user set unless the server sets one (set_value).
            if old is not None and not getattr(body, "set_value", False):
                value = old.value
            self.widgets[body.id] = Widget(body.id, kind, getattr(body, "label", ""), value)
            if kind == "number_input":
                self._number_types[body.id] = body.data_type
        if message.metadata.cacheable and message.hash:
            self._cache[message.hash] = (kind, key, digest)
            while len(self._cache) > _MAX_CACHED:
                self._cache.popitem(last=False)
