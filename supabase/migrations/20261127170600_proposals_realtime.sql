-- The proposal list and page update live (notes/proposals-contract.md): postgres_changes on
-- public.proposals, where Realtime applies the proposals policies per subscriber. Proposals of a
-- lead are still broadcast on lead:<lead_id> as well.

alter publication supabase_realtime add table public.proposals;
