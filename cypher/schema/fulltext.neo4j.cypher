// Neo4j 5 full-text indexes (Lucene) over `words`, the normalised words of each record's
// searchable fields (service/text/persian.py search_words); queried by search/fulltext.neo4j by
// name (words_<kind>). No stop words: the words are Persian and already normalised.
CREATE FULLTEXT INDEX words_agency IF NOT EXISTS FOR (n:Agency) ON EACH [n.words] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}};
CREATE FULLTEXT INDEX words_duty IF NOT EXISTS FOR (n:Duty) ON EACH [n.words] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}};
CREATE FULLTEXT INDEX words_capacity IF NOT EXISTS FOR (n:Capacity) ON EACH [n.words] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}};
CREATE FULLTEXT INDEX words_need IF NOT EXISTS FOR (n:Need) ON EACH [n.words] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}};
CREATE FULLTEXT INDEX words_issue IF NOT EXISTS FOR (n:Issue) ON EACH [n.words] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}};
CREATE FULLTEXT INDEX words_exchange IF NOT EXISTS FOR (n:Exchange) ON EACH [n.words] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}};
CREATE FULLTEXT INDEX words_request IF NOT EXISTS FOR (n:Request) ON EACH [n.words] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}};
CREATE FULLTEXT INDEX words_working_group IF NOT EXISTS FOR (n:WorkingGroup) ON EACH [n.words] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}};
