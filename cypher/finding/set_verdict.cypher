// Record the directorate's verdict on a finding; the fingerprint ties it to the records' versions.
MERGE (f:Finding {id: $id})
SET f += $props
RETURN f {.*} AS node
