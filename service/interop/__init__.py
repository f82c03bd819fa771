"""Interoperability: the registry in the formats its neighbours already read.

GraphML/GEXF (Gephi, yEd, Kumu, Cytoscape), FollowTheMoney (Aleph, OpenSanctions), OCDS
(Open Contracting), Popolo, and a per-agency service catalogue. Every export starts from the
same bundle and the graph pages' filters (``loader``); GraphML, GEXF and FtM import back through
the registry's validated all-or-nothing import (``exports.import_format``).
"""
