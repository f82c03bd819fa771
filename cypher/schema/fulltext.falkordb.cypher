// FalkorDB full-text indexes (RediSearch) over `words`, the normalised words of each record's
// searchable fields (service/text/persian.py search_words); queried by search/fulltext.falkordb.
// One line per kind in service/registry/fulltext.py INDEXED. 'already indexed' answers are ignored.
CALL db.idx.fulltext.createNodeIndex('Agency', 'words');
CALL db.idx.fulltext.createNodeIndex('Duty', 'words');
CALL db.idx.fulltext.createNodeIndex('Capacity', 'words');
CALL db.idx.fulltext.createNodeIndex('Need', 'words');
CALL db.idx.fulltext.createNodeIndex('Issue', 'words');
CALL db.idx.fulltext.createNodeIndex('Exchange', 'words');
CALL db.idx.fulltext.createNodeIndex('Request', 'words');
CALL db.idx.fulltext.createNodeIndex('WorkingGroup', 'words');
