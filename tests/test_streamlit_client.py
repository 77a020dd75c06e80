"""benchmarks/streamlit_client.py against hand-built ForwardMsgs: no server, a fake WebSocket.

What it sends (the widget states a tab sends, a button's one-run trigger, the held message hashes)
and how it reads a run (a run ended early for a rerun is not the end; a reference to a held chart
is that chart; exception boxes and red alerts are errors, the heatmap's red verdict is not).
"""

import pytest

pytest.importorskip("websocket")

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.streamlit_client import Session


class FakeSocket:
    """Hands out one scripted run of ForwardMsgs per BackMsg sent, and keeps what was sent."""

    def __init__(self, runs: list[list[ForwardMsg]]) -> None:
        self.runs, self.sent, self.queue = list(runs), [], []

    def send_binary(self, data: bytes) -> None:
        message = BackMsg()
        message.ParseFromString(data)
        self.sent.append(message)
        self.queue += [m.SerializeToString() for m in self.runs.pop(0)]

    def settimeout(self, _: float) -> None:
        pass

    def recv(self) -> bytes:
        return self.queue.pop(0)


def finished(status: int = ForwardMsg.FINISHED_SUCCESSFULLY) -> ForwardMsg:
    return ForwardMsg(script_finished=status)


def new_session() -> ForwardMsg:
    message = ForwardMsg()
    message.new_session.page_script_hash = "main"
    return message


def element(path: list[int], fill) -> ForwardMsg:
    """A new_element delta at `path`, filled in by `fill(element)`."""
    message = ForwardMsg()
    message.metadata.delta_path[:] = path
    fill(message.delta.new_element)
    return message


def slider(value: float):
    def fill(e):
        e.slider.id, e.slider.label = "$$ID-aa-heatmap_sigma", "σ_max(Ws)"
        e.slider.default[:], e.slider.value[:], e.slider.set_value = [0.0], [value], True

    return fill


def button(e):
    e.button.id, e.button.label = "$$ID-bb-authorship_train", "Train"


def chart(spec: str, message_hash: str):
    def fill(e):
        e.plotly_chart.id, e.plotly_chart.spec = "$$ID-cc-heatmap_map_Ws", spec

    def build(path):
        message = element(path, fill)
        message.hash, message.metadata.cacheable = message_hash, True
        return message

    return build


def session_with(runs: list[list[ForwardMsg]]) -> tuple[Session, FakeSocket]:
    session = Session("http://127.0.0.1:1")
    session._ws = socket = FakeSocket(runs)
    return session, socket


def test_a_move_sends_every_widget_with_the_new_value_and_a_reference_is_the_held_chart():
    navigation = ForwardMsg()
    navigation.navigation.page_script_hash = "heatmap-page"
    first = [
        new_session(),
        navigation,
        element([1, 0], slider(0.8)),
        chart('{"z": 1}', "h1")([0, 0]),
        finished(),
    ]
    reference = ForwardMsg(ref_hash="h1")
    again = [new_session(), element([1, 0], slider(0.8)), reference, finished()]
    session, socket = session_with([first, again])

    opened = session._rerun(session._client_state())
    assert opened.errors == [] and opened.latency_s is not None and session.page_script_hash == "heatmap-page"
    assert list(opened.figures) == ["heatmap_map_Ws"]  # the chart, by its key
    moved = session.set_widget("heatmap_sigma", 1.25)

    state = socket.sent[1].rerun_script
    assert state.page_script_hash == "heatmap-page"  # the page navigation named, not the entry point
    assert [(w.id, list(w.double_array_value.data)) for w in state.widget_states.widgets] == [
        ("$$ID-aa-heatmap_sigma", [1.25])
    ]
    assert list(state.cached_message_hashes) == ["h1"]
    assert moved.errors == [] and moved.figures == opened.figures  # the reference is the held chart


def test_a_press_triggers_once_and_a_run_ended_for_a_rerun_is_not_the_end():
    run = [new_session(), element([0, 0], button), finished()]
    press = [new_session(), finished(ForwardMsg.FINISHED_EARLY_FOR_RERUN), new_session(), finished()]
    session, socket = session_with([run, press, run])
    session._rerun(session._client_state())

    pressed = session.press_button("Train")
    assert pressed.latency_s is not None and socket.queue == []  # read past the early end, to the last
    triggers = [w.id for w in socket.sent[1].rerun_script.widget_states.widgets if w.trigger_value]
    assert triggers == ["$$ID-bb-authorship_train"]
    session._rerun(session._client_state())
    assert not any(w.trigger_value for w in socket.sent[2].rerun_script.widget_states.widgets)


@pytest.mark.parametrize(
    ("fill", "is_error"),
    [
        (lambda e: setattr(e.exception, "message", "boom"), True),
        (lambda e: (setattr(e.alert, "body", "Training failed"), setattr(e.alert, "format", 1)), True),
        (lambda e: (setattr(e.alert, "body", "Exploding: γ·σ > 1"), setattr(e.alert, "format", 1)), False),
        (lambda e: (setattr(e.alert, "body", "Vanishing"), setattr(e.alert, "format", 3)), False),
    ],
)
def test_exception_boxes_and_red_alerts_are_errors_but_the_red_verdict_is_not(fill, is_error):
    session, _ = session_with([[new_session(), element([0, 0], fill), finished()]])
    assert bool(session._rerun(session._client_state()).errors) == is_error
