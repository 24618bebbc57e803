-- Every row of the latest {limit} runs, narrowed to one pipeline and/or one run id when those
-- parameters are not ''. Engine-neutral: runs on DuckDB and on ClickHouse 18.16 and later.
SELECT run_id, pipeline, stage, stage_index, status, started_at_ms, ended_at_ms,
       rows_in, rows_out, rows_rejected, error, host, pid, triggered_by, resumed_from, detail
FROM pipeline_runs
WHERE run_id IN (
  SELECT run_id
  FROM pipeline_runs
  WHERE stage = '*'
    AND ({pipeline} = '' OR pipeline = {pipeline})
    AND ({run_id} = '' OR run_id = {run_id})
  GROUP BY run_id
  ORDER BY max(started_at_ms) DESC
  LIMIT {limit}
)
ORDER BY started_at_ms, stage_index
