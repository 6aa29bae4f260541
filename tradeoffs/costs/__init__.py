"""Costs: API prices against self-hosting total cost of ownership, and where they cross.

api.py          list prices, which offerings count, the cheapest, every model's API cost
serving.py      what one replica serves (first principles: weights, experts, KV cache, rooflines)
hardware.py     the GPU: specifications, and one GPU-hour rented or owned
selfhost.py     one model's TCO at one volume (typed input), every model's
breakeven.py    where self-hosting gets cheaper, and both costs as volume grows
feasibility.py  what would make an infeasible deployment feasible
calibration.py  the serving estimate against MLPerf measurements
assumptions.py  every assumption with its default, range and source
options.py, tables.py, charts.py   what the Costs page picks, tabulates and draws
"""
