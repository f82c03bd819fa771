// Where the duties of each agency that states no place of its own apply: win-win's place of the agency
// (service/analysis/winwin_place.py). One row an agency, its duties' geography codes, unsorted.
MATCH (a:Agency)-[:HAS_DUTY]->(d:Duty)
WHERE a.geographyCode IS NULL AND NOT d.archived
UNWIND d.geography AS code
RETURN a.id AS agencyId, collect(DISTINCT code) AS geography
