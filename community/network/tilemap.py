"""Where each Caribbean country or territory sits on the tile-grid map: (column, row), west to east, north
to south, roughly as on a map. One equal tile each, so a small island counts as much as a large one."""

TILES = {
    "BS": (2, 0), "TC": (4, 0), "BM": (9, 0),
    "CU": (1, 1), "HT": (3, 1), "DO": (4, 1), "PR": (5, 1), "VI": (6, 1), "VG": (7, 1), "AI": (8, 1),
    "KY": (1, 2), "JM": (2, 2), "MF": (7, 2), "SX": (8, 2), "BL": (9, 2),
    "BZ": (0, 3), "KN": (8, 3), "AG": (9, 3),
    "MS": (8, 4), "GP": (9, 4),
    "DM": (9, 5),
    "MQ": (9, 6),
    "LC": (8, 7), "BB": (9, 7),
    "AW": (4, 8), "CW": (5, 8), "BQ": (6, 8), "VC": (8, 8),
    "GD": (8, 9),
    "TT": (8, 10),
    "GY": (7, 11), "SR": (8, 11), "GF": (9, 11),
}  # fmt: skip
COLUMNS = 1 + max(column for column, _ in TILES.values())
ROWS = 1 + max(row for _, row in TILES.values())
