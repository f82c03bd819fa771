// Every stored verdict on an analysis finding (confirmed or dismissed), for recomputation.
MATCH (f:Finding)
RETURN f {.*} AS node
