"""visualizer.figures.unrolled: assertions on fig.data (each trace's meta) and fig.layout, never pixels."""

import json

import numpy as np
import plotly.colors as pc
import pytest

from visualizer.figures.unrolled import UNLIT_COLOR, ZERO_EDGE_COLOR, decade_range, unrolled_graph

TOP, BOTTOM = "rgb(254, 232, 56)", "rgb(0, 34, 78)"  # the ends of cividis, as sample_colorscale writes them
T, SEL = 5, 3  # five steps, loss step t = 4 on screen


def edges(fig, kind=None):
    """Edge traces (forward edges and the backward chain), optionally of one kind."""
    found = [tr for tr in fig.data if tr.meta and tr.meta.get("kind") not in (None, "colorbar", "legend")]
    return [tr for tr in found if kind is None or tr.meta["kind"] == kind]


def lit(fig, role=None):
    return [tr for tr in edges(fig) if tr.meta["lit"] and (role is None or tr.meta["role"] == role)]


def nodes(fig, name, layer=1):
    (trace,) = [
        tr for tr in fig.data if tr.meta and tr.meta.get("node") == name and tr.meta["layer"] == layer
    ]
    return trace


def arrays():
    """Hand-made log10 maps for t = SEL: terms rise towards t, term 0 is exactly 0 (s_0 = 0)."""
    state = np.array([-3.0, -2.0, -1.5, -1.0, np.nan])
    term = np.array([-np.inf, -2.5, -1.0, 0.5, np.nan])
    return state, term


def ws_figure(**kw):
    state, term = arrays()
    args = dict(loss_steps=range(T), selected=SEL, weight="Ws", state_log10=state, term_log10=term)
    return unrolled_graph(T, **(args | kw))


def test_many_to_many_has_an_E_per_step_and_many_to_one_only_the_last():
    every = unrolled_graph(T, loss_steps=range(T))
    last = unrolled_graph(T, loss_steps=[T - 1])
    for fig in (every, last):
        assert len(nodes(fig, "x").x) == len(nodes(fig, "s").x) == T
        assert len(nodes(fig, "s0").x) == 1  # the initial state, which Ws reads at step 1
    assert len(nodes(every, "E").x) == len(edges(every, "E")) == len(nodes(every, "y").x) == T
    assert list(nodes(last, "E").x) == [T] and [tr.meta["step"] for tr in edges(last, "E")] == [T - 1]
    # an output without a loss is not drawn: many-to-one has one y, one Wy edge
    assert list(nodes(last, "y").x) == [T] and [tr.meta["step"] for tr in edges(last, "Wy")] == [T - 1]
    assert list(nodes(last, "E").text) == ["E<sub>5</sub>"]  # 1-based on screen
    assert not lit(every) and not any(tr.meta.get("kind") == "colorbar" for tr in every.data)


def test_folded_view_is_one_column_with_a_self_loop_on_s():
    fig = unrolled_graph(T, loss_steps=[T - 1], folded=True)
    for name in ("x", "s", "y", "E"):
        assert len(nodes(fig, name).x) == 1
    assert not [tr for tr in fig.data if tr.meta.get("node") == "s0"]
    (loop,) = edges(fig, "Ws")
    assert loop.meta["loop"] and len(loop.x) > 3  # a curve, not a segment
    assert len(edges(fig)) == 4  # Wx, Ws loop, Wy, E
    assert "W<sub>s</sub>" in [a.text for a in fig.layout.annotations]
    assert list(nodes(fig, "s").text) == ["s<sub>t</sub>"]


def test_ws_lights_the_t_term_edges_and_the_chain():
    fig = ws_figure()
    terms, chain = lit(fig, "term"), lit(fig, "chain")
    # terms: s_{k-1} -> s_k for k = 1..4 (1-based); chain: E_4 -> y_4 -> s_4, then s_4 -> s_3 -> s_2 -> s_1
    assert sorted(tr.meta["step"] for tr in terms) == [0, 1, 2, 3]
    assert {tr.meta["kind"] for tr in terms} == {"Ws"}
    assert len(chain) == 2 + SEL and len(lit(fig)) == (SEL + 1) + (2 + SEL)
    assert [tr.meta["into"] for tr in chain] == ["y", "s", "s", "s", "s"]
    assert sorted(tr.meta["step"] for tr in chain if tr.meta["into"] == "s") == [0, 1, 2, 3]
    assert all(tr.line.width > 2 for tr in lit(fig))
    unlit = [tr for tr in edges(fig) if not tr.meta["lit"]]
    assert unlit and all(tr.line.color == UNLIT_COLOR and tr.line.width < 2 for tr in unlit)
    assert {tr.meta["step"] for tr in unlit if tr.meta["kind"] == "Ws"} == {4}  # after t: not on the path


def test_colours_and_values_follow_the_arrays():
    state, term = arrays()
    fig = ws_figure()
    by_step = {tr.meta["step"]: tr for tr in lit(fig, "term")}
    # the colour bar spans whole decades, -3 .. 1, so 0.5 sits at 3.5 / 4 of cividis
    expected = pc.sample_colorscale(pc.get_colorscale("cividis"), 3.5 / 4)[0]
    assert by_step[3].meta["value"] == 0.5 and by_step[3].line.color == expected
    chain_s = {tr.meta["step"]: tr for tr in lit(fig, "chain") if tr.meta["into"] == "s"}
    assert chain_s[0].meta["value"] == -3.0 and chain_s[0].line.color == BOTTOM  # the smallest
    assert chain_s[2].meta["value"] == state[2] and by_step[1].meta["value"] == term[1]
    mid = by_step[2].line.color
    assert mid not in (TOP, BOTTOM, UNLIT_COLOR)
    (e_to_y,) = [tr for tr in lit(fig, "chain") if tr.meta["into"] == "y"]
    assert e_to_y.meta["value"] is None  # no dE_t/dy_t magnitude is passed, so a neutral colour
    hover = by_step[3].hovertemplate
    assert "step 4" in hover and "W<sub>s</sub>" in hover and "10^0.50" in hover


def test_wx_terms_are_the_input_edges_and_wy_has_no_chain_into_the_states():
    state, term = arrays()
    wx = unrolled_graph(T, loss_steps=[SEL], selected=SEL, weight="Wx", state_log10=state, term_log10=term)
    assert {tr.meta["kind"] for tr in lit(wx, "term")} == {"Wx"} and len(lit(wx, "term")) == SEL + 1
    assert not [tr for tr in edges(wx, "Ws") if tr.meta["lit"]]  # the chain runs beside them instead
    wy_term = np.full(T, np.nan)
    wy_term[SEL] = -0.3
    wy = unrolled_graph(T, loss_steps=[SEL], selected=SEL, weight="Wy", term_log10=wy_term)
    (term_edge,) = lit(wy, "term")
    assert term_edge.meta["kind"] == "Wy" and term_edge.meta["step"] == SEL
    assert [tr.meta["into"] for tr in lit(wy, "chain")] == ["y"]  # dE_t/dWy = dE_t/dy_t s_t^T


def test_reveal_from_hides_earlier_terms():
    fig = ws_figure(reveal_from=2)
    assert sorted(tr.meta["step"] for tr in lit(fig, "term")) == [2, 3]
    assert sorted(tr.meta["step"] for tr in lit(fig, "chain") if tr.meta["into"] == "s") == [2, 3]
    hidden = [tr for tr in edges(fig, "Ws") if tr.meta["step"] < 2]
    assert hidden and all(not tr.meta["lit"] and tr.line.color == UNLIT_COLOR for tr in hidden)
    # colours hold still while the walk steps back: the same edge, the same colour
    assert {tr.meta["step"]: tr.line.color for tr in lit(fig, "term")}[2] == next(
        tr.line.color for tr in lit(ws_figure(), "term") if tr.meta["step"] == 2
    )
    assert len(lit(ws_figure(reveal_from=SEL), "term")) == 1


def test_exactly_zero_edges_are_dashed_grey_with_a_legend_entry():
    fig = ws_figure(labels={"zero": "genau 0"})
    (zero,) = [tr for tr in lit(fig) if tr.meta["zero"]]
    assert zero.meta["step"] == 0 and zero.meta["value"] is None  # -inf kept JSON-safe
    assert zero.line.color == ZERO_EDGE_COLOR and zero.line.dash not in (None, "solid")
    assert "genau 0" in zero.hovertemplate
    assert all(tr.line.dash in (None, "solid") for tr in lit(fig) if not tr.meta["zero"])
    (legend,) = [tr for tr in fig.data if tr.meta and tr.meta.get("key") == "zero"]
    assert legend.name == "genau 0" and legend.line.dash == zero.line.dash
    json.loads(fig.to_json())  # every meta value serialises for the browser


def colour_bar(fig):
    (bar,) = [tr for tr in fig.data if tr.meta and tr.meta.get("kind") == "colorbar"]
    return bar


def test_colour_bar_has_decade_ticks_over_the_finite_values_or_the_given_range():
    fig = ws_figure(labels={"colorbar": "梯度大小"})
    bar = colour_bar(fig)
    assert (bar.marker.cmin, bar.marker.cmax) == (-3.0, 1.0)  # -3 .. 0.5 widened to whole decades
    assert bar.marker.colorscale[0][1] == "#00224e"
    assert list(bar.marker.colorbar.ticktext) == ["1e-3", "1e-2", "1e-1", "1", "1e+1"]
    assert bar.marker.colorbar.title.text == "梯度大小"
    fixed = ws_figure(zmin=-1.0, zmax=1.0)
    (bar,) = [tr for tr in fixed.data if tr.meta and tr.meta.get("kind") == "colorbar"]
    assert (bar.marker.cmin, bar.marker.cmax) == (-1.0, 1.0)
    clipped = {tr.meta["step"]: tr.line.color for tr in lit(fixed, "term")}
    assert clipped[1] == BOTTOM  # -2.5 is below zmin = -1


def test_tdnn_has_no_ws_edges_and_window_inputs_per_state():
    w = 3
    fig = unrolled_graph(6, loss_steps=range(6), window=w)
    assert not edges(fig, "Ws") and not [tr for tr in fig.data if tr.meta.get("node") == "s0"]
    per_state = {}
    for tr in edges(fig, "Wx"):
        per_state.setdefault(tr.meta["step"], []).append(tr.meta["lag"])
    assert [len(per_state[k]) for k in range(6)] == [1, 2, 3, 3, 3, 3]
    assert sorted(per_state[5]) == [0, 1, 2]  # s_6 reads x_4, x_5, x_6


def test_feed_forward_draws_ws_dotted_and_stacked_labels_each_layer():
    ffnn = unrolled_graph(T, loss_steps=range(T), recurrent=False)
    assert {tr.line.dash for tr in edges(ffnn, "Ws")} == {"dot"}
    assert {tr.line.dash for tr in edges(ffnn, "Wx")} == {"solid"}
    stacked = unrolled_graph(4, loss_steps=[3], layers=3)
    for layer in (1, 2, 3):
        assert len(nodes(stacked, "s", layer).x) == 4
        assert len([tr for tr in edges(stacked, "Ws") if tr.meta["layer"] == layer]) == 4
    texts = {a.text for a in stacked.layout.annotations}
    assert {
        "W<sub>s</sub><sup>(1)</sup>",
        "W<sub>s</sub><sup>(2)</sup>",
        "W<sub>s</sub><sup>(3)</sup>",
    } <= texts
    assert stacked.layout.yaxis.range[1] > unrolled_graph(4, loss_steps=[3]).layout.yaxis.range[1]


def test_edges_are_labelled_and_the_title_is_passed_through():
    fig = unrolled_graph(3, loss_steps=[2], labels={"title": "Entrollt"})
    texts = [a.text for a in fig.layout.annotations]
    assert texts.count("W<sub>x</sub>") == 3 and texts.count("W<sub>y</sub>") == 1  # one loss, one output
    assert texts.count("W<sub>s</sub>") == 3  # s_0 -> s_1 included
    assert fig.layout.title.text == "Entrollt"


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        (dict(weight="Wz"), "weight must be one of"),
        (dict(selected=2), "not one of the loss steps"),
        (dict(term_log10=np.zeros(T + 1)), "term_log10 must have shape"),
        (dict(state_log10=np.zeros((T, T))), "state_log10 must have shape"),
        (dict(state_log10=None), "state_log10 is needed"),
        (dict(reveal_from=SEL + 1), "reveal_from must lie in"),
        (dict(folded=True), "only for the unrolled single-layer"),
        (dict(layers=2), "only for the unrolled single-layer"),
        (dict(zmin=1.0, zmax=0.0), "zmin must be below zmax"),
        (dict(term_log10=np.full(T, np.nan)), "NaN at a step"),
    ],
)
def test_bad_arguments_raise(kw, message):
    state, term = arrays()
    args = dict(loss_steps=[1, SEL], selected=SEL, weight="Ws", state_log10=state, term_log10=term)
    with pytest.raises(ValueError, match=message):
        unrolled_graph(T, **(args | kw))


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        (dict(n_steps=0), "n_steps must be at least 1"),
        (dict(loss_steps=[T]), "loss_steps must lie in"),
        (dict(layers=4), "layers must be"),
        (dict(window=0), "window must be"),
        (dict(window=2, layers=2), "window must be"),
        (dict(term_log10=np.zeros(T)), "need a `selected`"),
    ],
)
def test_bad_structure_arguments_raise(kw, message):
    args = dict(n_steps=T, loss_steps=[T - 1]) | kw
    with pytest.raises(ValueError, match=message):
        unrolled_graph(args.pop("n_steps"), **args)


def test_a_walk_within_one_decade_still_gets_a_labelled_colour_bar():
    """The tester's case: values between 10^-0.6 and 10^0.3 gave a bar with the single tick "1"."""
    state = np.array([-0.6, -0.4, -0.2, 0.0, np.nan])
    term = np.array([-np.inf, -0.5, -0.1, 0.3, np.nan])
    fig = ws_figure(state_log10=state, term_log10=term)
    ticks = list(colour_bar(fig).marker.colorbar.ticktext)
    assert len(ticks) >= 3 and ticks == ["1e-1", "1", "1e+1"]


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [(-0.6, 0.3, (-1.0, 1.0)), (-3.0, 0.5, (-3.0, 1.0)), (2.0, 2.0, (1.0, 3.0)), (-12.2, 7.9, (-13.0, 8.0))],
)
def test_decade_range_rounds_out_to_at_least_two_whole_decades(lo, hi, expected):
    zmin, zmax = decade_range(lo, hi)
    assert (zmin, zmax) == expected
    assert zmin <= lo and zmax >= hi and zmax - zmin >= 2


def legend(fig):
    return {tr.meta["key"]: tr for tr in fig.data if tr.meta and tr.meta.get("kind") == "legend"}


def test_the_legend_says_what_each_edge_style_means_in_the_given_language():
    texts = {"legend.forward": "前向", "legend.term": "项", "legend.chain": "反向", "legend.no_ws": "Ws = 0"}
    fig = ws_figure(labels=texts | {"zero": "恰好为 0"})
    entries = legend(fig)
    assert set(entries) == {"forward", "term", "chain", "zero"}
    assert [entries[key].name for key in ("forward", "term", "chain", "zero")] == [
        "前向",
        "项",
        "反向",
        "恰好为 0",
    ]
    assert all(tr.showlegend for tr in entries.values())
    # each entry looks like the edges it names
    (term_edge, *_) = [tr for tr in lit(fig, "term") if not tr.meta["zero"]]
    (chain_edge, *_) = lit(fig, "chain")
    assert entries["term"].line.width == term_edge.line.width > entries["chain"].line.width
    assert entries["chain"].line.width == chain_edge.line.width
    assert entries["forward"].line.color == UNLIT_COLOR
    structure = legend(unrolled_graph(T, loss_steps=range(T)))
    assert set(structure) == {"forward"}  # nothing is lit: no term or chain entry
    assert set(legend(unrolled_graph(T, loss_steps=range(T), recurrent=False))) == {"forward", "no_ws"}


def test_one_to_many_reads_one_input_at_step_one():
    fig = unrolled_graph(T, loss_steps=range(T), inputs=[0])
    assert list(nodes(fig, "x").x) == [1] and list(nodes(fig, "x").text) == ["x<sub>1</sub>"]
    assert [tr.meta["step"] for tr in edges(fig, "Wx")] == [0]
    assert len(nodes(fig, "y").x) == T  # it still emits an output, with a loss, at every step
    state, term = arrays()
    wx = unrolled_graph(
        T, loss_steps=range(T), inputs=[0], selected=SEL, weight="Wx", state_log10=state, term_log10=term
    )
    assert [tr.meta["step"] for tr in lit(wx, "term")] == [0]  # x_k = 0 for k > 1: no edge, no term


def test_delay_draws_outputs_only_where_the_losses_are():
    fig = unrolled_graph(6, loss_steps=[3, 4, 5])
    assert list(nodes(fig, "y").x) == [4, 5, 6] == list(nodes(fig, "E").x)
    assert sorted(tr.meta["step"] for tr in edges(fig, "Wy")) == [3, 4, 5]
    assert len(nodes(fig, "x").x) == 6


@pytest.mark.parametrize("w", [1, 3, 6])
def test_folded_tdnn_is_one_state_reading_w_delayed_inputs(w):
    fig = unrolled_graph(6, loss_steps=range(6), window=w, folded=True)
    assert len(nodes(fig, "s").x) == 1 and not edges(fig, "Ws")  # no recurrence, no loop
    taps = edges(fig, "Wx")
    assert sorted(tr.meta["lag"] for tr in taps) == list(range(w))
    labels = list(nodes(fig, "x").text)
    assert labels[0] == "x<sub>t</sub>" and len(labels) == w and len(set(nodes(fig, "x").x)) == w
    xs = list(nodes(fig, "x").x)
    assert min(xs) > fig.layout.xaxis.range[0]  # every tap inside the plot
