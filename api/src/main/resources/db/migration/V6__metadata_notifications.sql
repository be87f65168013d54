-- Every committed change to what an answer depends on -- a dataset's row and data version, its access grants, its row
-- policies, its measures -- notifies channel strata_metadata with the dataset's name. PostgreSQL delivers a
-- notification when its transaction commits, to every listening node; nodes cache that metadata only while they
-- listen (io.strata.api.metadata.MetadataCache), so no node serves it a moment longer than the change takes to arrive.
CREATE FUNCTION strata_notify_metadata() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- TG_ARGV[0] names the column holding the dataset; equal notifications in one transaction are folded into one.
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('strata_metadata', to_jsonb(OLD) ->> TG_ARGV[0]);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('strata_metadata', to_jsonb(NEW) ->> TG_ARGV[0]);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER datasets_metadata AFTER INSERT OR UPDATE OR DELETE ON datasets
  FOR EACH ROW EXECUTE FUNCTION strata_notify_metadata('name');
CREATE TRIGGER dataset_grants_metadata AFTER INSERT OR UPDATE OR DELETE ON dataset_grants
  FOR EACH ROW EXECUTE FUNCTION strata_notify_metadata('dataset');
CREATE TRIGGER row_policies_metadata AFTER INSERT OR UPDATE OR DELETE ON row_policies
  FOR EACH ROW EXECUTE FUNCTION strata_notify_metadata('dataset');
CREATE TRIGGER analytics_measures_metadata AFTER INSERT OR UPDATE OR DELETE ON analytics_measures
  FOR EACH ROW EXECUTE FUNCTION strata_notify_metadata('dataset');
