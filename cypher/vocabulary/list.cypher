// Every term the directorate added to the shipped vocabularies, oldest first.
MATCH (t:VocabularyTerm)
RETURN t {.*} AS node
ORDER BY t.at, t.id
