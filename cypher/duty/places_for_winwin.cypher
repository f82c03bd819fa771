// Where the duties of each agency that states no place of its own apply: win-win's place of the agency
// (service/analysis/winwin_place.py). One row an agency, its duties' geography codes, unsorted; a duty
// naming no geography is the registry's city, as the domain model's default.
MATCH (a:Agency)-[:HAS_DUTY]->(d:Duty)
WHERE a.geographyCode IS NULL AND NOT d.archived
UNWIND CASE WHEN size(coalesce(d.geography, [])) = 0 THEN ['city'] ELSE d.geography END AS code
RETURN a.id AS agencyId, collect(DISTINCT code) AS geography
