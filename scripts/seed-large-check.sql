-- The figures `npm run seed:large` prints at the end; also `psql "$DATABASE_URL" -f scripts/seed-large-check.sql`.
-- One row per figure, so the numbers can be quoted as they are.
with app as (
  select a.id as apprenticeship_id, a.apprentice_id, a.employer_id, a.start_date, a.planned_end_date, a.planned_otj_hours
  from apprenticeships a join users u on u.id = a.apprentice_id
  where u.email like '%@apprentices.large.example'
), attempts as (
  select app.apprentice_id, (select count(*) from coding_attempts c where c.apprentice_id = app.apprentice_id) as n from app
), answers as (
  select app.apprentice_id, (select count(*) from question_answers qa where qa.apprentice_id = app.apprentice_id) as n from app
), per_trainer as (
  select u.email, count(*) as n from trainer_assignments ta join users u on u.id = ta.trainer_id
  where u.email like '%@riverside-coding.example' group by u.email
), per_employer as (
  select o.name, count(*) as n from app join organisations o on o.id = app.employer_id group by o.name
), last20 as (
  -- The first attainment level on the primary diagnosis figure over the last 20 cases (90%), as readiness will read it.
  select app.apprentice_id, l.n, l.correct::numeric / nullif(l.audited, 0) as pd
  from app, lateral (
    select count(*) as n, sum(pd_correct) as correct, sum(pd_of) as audited
    from (select pd_correct, pd_of from coding_attempts c where c.apprentice_id = app.apprentice_id order by created_at desc limit 20) t
  ) l
), otj as (
  select app.apprentice_id,
    coalesce((select sum(minutes) from otj_entries o where o.apprentice_id = app.apprentice_id), 0) / 60.0 as logged,
    app.planned_otj_hours * least(1.0, greatest(0, current_date - app.start_date)::numeric / (app.planned_end_date - app.start_date)) as due
  from app
), met as (
  select app.apprentice_id, (
    select count(distinct d.ksb_code) from evidence e join evidence_reviews r on r.evidence_id = e.id join evidence_ksb_decisions d on d.review_id = r.id
    where e.apprentice_id = app.apprentice_id and e.status = 'accepted' and r.outcome = 'accepted' and d.met) as n
  from app
), last_review as (
  select app.apprenticeship_id, (select max(review_date) from progress_reviews pr where pr.apprenticeship_id = app.apprenticeship_id) as d from app
)
select figure, value from (
  select 1 as o, 'users (apprentice / trainer / employer / admin)' as figure,
    (select string_agg(n::text, ' / ' order by role) from (select role, count(*) as n from users group by role) r) as value
  union all select 2, 'organisations', (select count(*)::text from organisations)
  union all select 3, 'cohorts', (select count(*)::text from cohorts)
  union all select 4, 'apprenticeships', (select count(*)::text from apprenticeships)
  union all select 5, 'trainer_assignments', (select count(*)::text from trainer_assignments)
  union all select 6, 'coding_attempts', (select count(*)::text from coding_attempts)
  union all select 7, 'question_answers', (select count(*)::text from question_answers)
  union all select 8, 'evidence (draft / submitted / referred / accepted)',
    (select string_agg(n::text, ' / ' order by status) from (select status, count(*) as n from evidence group by status) s)
  union all select 9, 'evidence_ksbs', (select count(*)::text from evidence_ksbs)
  union all select 10, 'evidence_versions', (select count(*)::text from evidence_versions)
  union all select 11, 'evidence_reviews (accepted / referred)',
    (select string_agg(n::text, ' / ' order by outcome) from (select outcome, count(*) as n from evidence_reviews group by outcome) s)
  union all select 12, 'evidence_ksb_decisions (met / not met)',
    (select count(*) filter (where met) || ' / ' || count(*) filter (where not met) from evidence_ksb_decisions)
  union all select 13, 'otj_entries', (select count(*)::text from otj_entries)
  union all select 14, 'progress_reviews (signed by all / awaiting a signature)',
    (select count(*) filter (where apprentice_signed_at is not null and employer_signed_at is not null) || ' / ' ||
            count(*) filter (where apprentice_signed_at is null or employer_signed_at is null) from progress_reviews)
  union all select 20, 'attempts per apprentice (min / median / max)',
    (select min(n) || ' / ' || percentile_disc(0.5) within group (order by n) || ' / ' || max(n) from attempts)
  union all select 21, 'apprentices with under 10 attempts', (select count(*)::text from attempts where n < 10)
  union all select 22, 'question answers per apprentice (min / median / max)',
    (select min(n) || ' / ' || percentile_disc(0.5) within group (order by n) || ' / ' || max(n) from answers)
  union all select 23, 'apprentices of trainer001 (the 200-trainer)', (select n::text from per_trainer where email = 'trainer001@riverside-coding.example')
  union all select 24, 'apprentices per other trainer (min / median / max)',
    (select min(n) || ' / ' || percentile_disc(0.5) within group (order by n) || ' / ' || max(n) from per_trainer where email <> 'trainer001@riverside-coding.example')
  union all select 25, 'apprentices of Ashbrook (the 1,000-employer)', (select n::text from per_employer where name = 'Ashbrook Hospitals NHS Foundation Trust')
  union all select 26, 'apprentices per other employer (min / median / max)',
    (select min(n) || ' / ' || percentile_disc(0.5) within group (order by n) || ' / ' || max(n) from per_employer where name <> 'Ashbrook Hospitals NHS Foundation Trust')
  union all select 27, 'last 20 cases: primary diagnosis >= 90% (apprentices with 20+)',
    (select count(*) filter (where pd >= 0.9) || ' of ' || count(*) from last20 where n = 20)
  union all select 28, 'off-the-job behind pro-rata plan (apprentices)', (select count(*) filter (where logged < due) || ' of ' || count(*) from otj)
  union all select 29, 'off-the-job logged / due by today (hours, all)', (select round(sum(logged)) || ' / ' || round(sum(due)) from otj)
  union all select 30, 'KSBs met per apprentice (min / median / max; 59 = all)',
    (select min(n) || ' / ' || percentile_disc(0.5) within group (order by n) || ' / ' || max(n) from met)
  union all select 31, 'apprentices with all 59 KSBs met', (select count(*)::text from met where n = 59)
  union all select 32, 'no coding attempt in the last 28 days (apprentices)',
    (select count(*)::text from app where not exists (select 1 from coding_attempts c where c.apprentice_id = app.apprentice_id and c.created_at > now() - interval '28 days'))
  union all select 33, 'progress review overdue (none in the last 12 weeks, started 12+ weeks ago)',
    (select count(*)::text from last_review lr join app using (apprenticeship_id) where app.start_date < current_date - 84 and (lr.d is null or lr.d < current_date - 84))
  union all select 40, 'database size', (select pg_size_pretty(pg_database_size(current_database())))
) f order by o;
