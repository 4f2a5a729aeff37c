-- Only under Spring Cloud Data Flow (profile scdf): the server's Boot 3 job repository tables come
-- from Spring Batch 5's schema, and Spring Batch 6 also draws job instance ids from a sequence of
-- their own; it starts after the instances already there.
CREATE SEQUENCE IF NOT EXISTS public.boot3_batch_job_instance_seq MAXVALUE 9223372036854775807 NO CYCLE;
SELECT setval('public.boot3_batch_job_instance_seq',
              (SELECT COALESCE(MAX(job_instance_id), 0) + 1 FROM public.boot3_batch_job_instance), false);
