"""The benchmark workloads, one entry each, written for every engine.

Every workload is a whole job from the CSV file to a CSV result: read `panel.csv` (and
`provinces.csv`), compute, write the result as CSV to /dev/null. chiso and DuckDB run as a whole
command-line process each time (`chiso -c`, `duckdb -c`); polars and pandas run in a fresh Python
process each time, timed inside it (interpreter start and `import` excluded).

Results are kept small where the job allows (a count, a mean, 630 groups), so that the engines'
kernels are measured rather than their CSV writers; the full sort and the pivot write their whole
result, as that is the job.
"""

# chiso's `pivot` (docs/language.md, "pivot and unpivot"): the columns left of the pivoted pair
# are the row keys. If the query does not run (an older chiso), the harness reports n/a.
CHISO_PIVOT = "from panel | select {year, province, component, score} | pivot component score"

WORKLOADS = [
    {
        "id": "load",
        "title": "CSV load",
        "what": "read every column of panel.csv into memory",
        "target": 0.4,
        "chiso": "from panel | take 1",
        "sql": None,  # DuckDB: CREATE TABLE … AS SELECT * FROM read_csv(…), see duckdb_script
    },
    {
        "id": "filter_count",
        "title": "filter + count",
        "what": 'rows with component == "total" and score > 60',
        "target": 1.0,
        "chiso": 'from panel | filter component == "total" && score > 60 | aggregate {n = count this}',
        "sql": "SELECT count(*) AS n FROM panel WHERE component = 'total' AND score > 60",
    },
    {
        "id": "group_stats",
        "title": "group by mean, stddev",
        "what": "mean and sample stddev of score per (province, component): 630 rows",
        "target": 0.5,
        "chiso": "from panel | group {province, component} (aggregate {mean = average score, sd = stddev score})",
        "sql": "SELECT province, component, avg(score) AS mean, stddev_samp(score) AS sd FROM panel GROUP BY province, component",
    },
    {
        "id": "top10",
        "title": "sort + take 10",
        "what": "the 10 highest scores, all columns",
        "target": 1.0,
        "chiso": "from panel | sort {-score} | take 10",
        "sql": "SELECT * FROM panel ORDER BY score DESC LIMIT 10",
    },
    {
        "id": "full_sort",
        "title": "full sort",
        "what": "every row by province, then score descending, written out",
        "target": 1.0,
        "chiso": "from panel | sort {province, -score}",
        "sql": "SELECT * FROM panel ORDER BY province, score DESC",
    },
    {
        "id": "rank",
        "title": "rank within (year, component)",
        "what": "competition rank of score per (year, component); count rows where it equals the published rank",
        "target": 0.3,
        "chiso": "from panel | group {year, component} (sort {-score} | derive {r = rank score}) | filter r == rank | aggregate {n = count this}",
        "sql": "SELECT count(*) AS n FROM (SELECT rank, rank() OVER (PARTITION BY year, component ORDER BY score DESC) AS r FROM panel) WHERE r = rank",
    },
    {
        "id": "lag",
        "title": "lag per (province, component)",
        "what": "score minus the previous year's per (province, component); mean and count of the change",
        "target": 0.5,
        "chiso": "from panel | group {province, component} (sort year | derive {prev = lag 1 score}) | derive {change = score - prev} | aggregate {mean_change = average change, n = count change}",
        "sql": "SELECT avg(change) AS mean_change, count(change) AS n FROM (SELECT score - lag(score) OVER (PARTITION BY province, component ORDER BY year) AS change FROM panel)",
    },
    {
        "id": "pivot",
        "title": "pivot long → wide",
        "what": "one row per (year, province), one score column per component, written out",
        "target": 0.2,
        "chiso": CHISO_PIVOT,
        "sql": "PIVOT panel ON component USING first(score) GROUP BY year, province",
    },
    {
        "id": "join",
        "title": "join provinces",
        "what": "join the 63-row province table on gso_code; mean score and rows per region",
        "target": 1.0,
        "chiso": "from panel | join provinces (==gso_code) | group {region} (aggregate {mean = average score, n = count this})",
        "sql": "SELECT region, avg(score) AS mean, count(*) AS n FROM panel JOIN provinces USING (gso_code) GROUP BY region",
    },
    {
        "id": "compare",
        "title": "compare 2015 2016",
        "what": "per (province, component): both years' scores and ranks, the change (index verb)",
        "target": 1.0,
        "chiso": "from panel | compare 2015 2016",
        "sql": (
            "WITH r AS (SELECT province, component, year, score, "
            "rank() OVER (PARTITION BY year, component ORDER BY score DESC) AS rk FROM panel WHERE year IN (2015, 2016)) "
            "SELECT a.province, a.component, a.year AS year_from, b.year AS year_to, a.score AS score_from, "
            "b.score AS score_to, b.score - a.score AS score_change, a.rk AS rank_from, b.rk AS rank_to, "
            "a.rk - b.rk AS rank_change FROM r a JOIN r b ON a.province = b.province AND a.component = b.component "
            "AND a.year = 2015 AND b.year = 2016"
        ),
    },
    {
        "id": "explain_rank",
        "title": "explain_rank 2015 2016",
        "what": "rank change of the composite split into own move, others' moves and interaction (index verb)",
        "target": 1.0,
        "chiso": "from panel | explain_rank 2015 2016",
        "sql": (
            "WITH t AS (SELECT province, year, score FROM panel WHERE component = 'total' AND year IN (2015, 2016)), "
            "a AS (SELECT province, score FROM t WHERE year = 2015), b AS (SELECT province, score FROM t WHERE year = 2016), "
            "p AS (SELECT a.province, a.score AS score_from, b.score AS score_to, "
            "(SELECT 1 + count(*) FROM a x WHERE x.score > a.score) AS rank_from, "
            "(SELECT 1 + count(*) FROM b x WHERE x.score > b.score) AS rank_to, "
            "(SELECT 1 + count(*) FROM a x WHERE x.province <> a.province AND x.score > b.score) AS own_rank, "
            "(SELECT 1 + count(*) FROM b x WHERE x.province <> a.province AND x.score > a.score) AS others_rank "
            "FROM a JOIN b USING (province)) "
            "SELECT province, score_from, score_to, score_to - score_from AS score_change, rank_from, rank_to, "
            "rank_from - rank_to AS rank_change, rank_from - own_rank AS own_effect, rank_from - others_rank AS others_effect, "
            "(rank_from - rank_to) - (rank_from - own_rank) - (rank_from - others_rank) AS interaction FROM p"
        ),
    },
    {
        "id": "small",
        "title": "63-row query",
        "what": "provinces of one region by name: the latency a REPL user feels on a small table",
        "target": 1.0,
        "chiso": 'from provinces | filter region == "Red River Delta" | sort province | select {province, population_thousand}',
        "sql": "SELECT province, population_thousand FROM provinces WHERE region = 'Red River Delta' ORDER BY province",
    },
]


def duckdb_script(workload, data_dir, out="/dev/null", database=False):
    """The SQL that `duckdb -c` runs: views over the CSV files (or, with `database`, the tables of
    the DuckDB database file the CLI opened), then the query copied out as CSV."""
    if database:
        if workload["id"] == "load":
            return f"COPY (SELECT count(*) AS n FROM (SELECT * FROM panel)) TO '{out}' (FORMAT csv, HEADER);"
        return f"COPY ({workload['sql']}) TO '{out}' (FORMAT csv, HEADER);"
    panel = f"{data_dir}/panel.csv"
    provinces = f"{data_dir}/provinces.csv"
    if workload["id"] == "load":
        return f"CREATE TABLE panel AS SELECT * FROM read_csv('{panel}'); COPY (SELECT count(*) AS n FROM panel) TO '{out}' (FORMAT csv, HEADER);"
    return (
        f"CREATE VIEW panel AS SELECT * FROM read_csv('{panel}'); "
        f"CREATE VIEW provinces AS SELECT * FROM read_csv('{provinces}'); "
        f"COPY ({workload['sql']}) TO '{out}' (FORMAT csv, HEADER);"
    )
