"""Compare 2–4 models side by side: the table (table.py), its cells (cells.py), the prices per provider
(prices.py) and the page's answer (answer.py). Pure pandas, no Streamlit."""
