-- What happens to a lead's proposal shows in the lead's activity log (notes/proposals-contract.md
-- "Activity"): created, sent (by mark_proposal_sent, with the address), viewed, accepted and
-- declined on the public link, any other status change, and deletion. Entries caused through the
-- public link have no actor, even when a signed-in staff member opened it.

alter table public.lead_activity drop constraint lead_activity_action_known;
alter table public.lead_activity add constraint lead_activity_action_known check (action in (
	'lead.created', 'lead.updated', 'lead.assigned', 'lead.status_changed',
	'lead.public_changed', 'lead.marked_lost', 'lead.unmarked_lost', 'lead.marked_junk',
	'lead.unmarked_junk', 'lead.converted', 'lead.contacted', 'note.added',
	'attachment.added', 'attachment.removed', 'task.created', 'task.completed',
	'reminder.set', 'proposal.created', 'proposal.status_changed', 'proposal.sent',
	'proposal.viewed', 'proposal.accepted', 'proposal.declined', 'proposal.deleted', 'manual'
));

create function private.log_proposal_event(p_lead_id uuid, p_action text, p_details jsonb)
returns void
language sql volatile security definer
set search_path = ''
as $$
	insert into public.lead_activity (lead_id, actor_id, action, details)
	select p_lead_id,
		case when current_setting('leadwerk.public_proposal_action', true) = 'on' then null
			else auth.uid() end,
		p_action, p_details
	where p_lead_id is not null and exists (select 1 from public.leads where leads.id = p_lead_id)
$$;
comment on function private.log_proposal_event(uuid, text, jsonb) is
	'Appends a proposal entry to the activity log of its lead (if any, and if it still exists); '
	'the actor is the caller, or no one for an action through the public link.';

create or replace function private.log_proposal_activity() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
	reference jsonb;
begin
	if tg_op = 'DELETE' then
		perform private.log_proposal_event(old.lead_id, 'proposal.deleted',
			jsonb_build_object('proposal_id', old.id, 'subject', old.subject));
		return null;
	end if;
	reference := jsonb_build_object('proposal_id', new.id, 'subject', new.subject);
	if tg_op = 'INSERT' then
		perform private.log_proposal_event(new.lead_id, 'proposal.created',
			reference || jsonb_build_object('status', new.status));
	elsif new.status is distinct from old.status then
		if new.status = 'accepted' then
			perform private.log_proposal_event(new.lead_id, 'proposal.accepted',
				reference || jsonb_build_object('name', new.accepted_by_name));
		elsif new.status = 'declined' then
			perform private.log_proposal_event(new.lead_id, 'proposal.declined',
				reference || jsonb_build_object('reason', new.decline_reason));
		elsif new.viewed_at is distinct from old.viewed_at then
			perform private.log_proposal_event(new.lead_id, 'proposal.viewed', reference);
		elsif new.sent_at is distinct from old.sent_at then
			-- mark_proposal_sent logs proposal.sent with the address itself.
			null;
		else
			perform private.log_proposal_event(new.lead_id, 'proposal.status_changed',
				reference || jsonb_build_object('old', old.status, 'new', new.status));
		end if;
	end if;
	return null;
end;
$$;
comment on function private.log_proposal_activity() is
	'Trigger on proposals of a lead: logs proposal.created, .accepted, .declined, .viewed, '
	'.status_changed (any other status change) and .deleted; proposal.sent is logged by '
	'mark_proposal_sent.';

drop trigger log_proposal_activity on public.proposals;
create trigger log_proposal_activity after insert or update of status or delete on public.proposals
	for each row execute function private.log_proposal_activity();

revoke execute on all functions in schema private from public;
