-- What the database enforces on every write of a proposal and its items, whoever writes
-- (notes/proposals-contract.md "Status flow"): computed columns are the database's; status moves
-- only along the flow and only through the RPCs (API callers cannot set it, nor the link and
-- public-link state, nor move a proposal to another lead or customer); saving content of a sent or open proposal makes it revised; a stale
-- version is refused with PT409; nothing changes an accepted proposal or its items (PT423).

create function private.proposal_transition_allowed(p_old text, p_new text) returns boolean
language sql immutable
set search_path = ''
as $$
	select p_old = p_new or (p_old, p_new) in (
		('draft', 'sent'), ('draft', 'open'),
		('sent', 'open'), ('sent', 'revised'), ('sent', 'declined'), ('sent', 'accepted'),
		('open', 'sent'), ('open', 'revised'), ('open', 'declined'), ('open', 'accepted'),
		('revised', 'sent'), ('revised', 'open'), ('revised', 'declined'), ('revised', 'accepted'),
		('declined', 'revised')
	)
$$;
comment on function private.proposal_transition_allowed(text, text) is
	'The proposal status flow: draft → sent|open; sent, open, revised → each other (not back to '
	'draft), declined or accepted; declined → revised; accepted → nothing.';

create function private.refuse_accepted_proposal() returns void
language plpgsql immutable
set search_path = ''
as $$
begin
	raise exception 'proposal accepted'
		using errcode = 'PT423', hint = 'An accepted proposal cannot be changed; duplicate it instead.';
end;
$$;
comment on function private.refuse_accepted_proposal() is
	'Raises PT423 (HTTP 423) "proposal accepted".';

-- Columns that are the proposal's content: changing one on a sent or open proposal revises it.
create function private.proposal_content(p_row public.proposals) returns jsonb
language sql immutable
set search_path = ''
as $$
	select jsonb_build_object(
		'subject', p_row.subject, 'date', p_row.date, 'open_till', p_row.open_till,
		'currency', p_row.currency, 'language', p_row.language,
		'discount_type', p_row.discount_type, 'discount_value', p_row.discount_value,
		'recipient_name', p_row.recipient_name, 'recipient_company', p_row.recipient_company,
		'recipient_email', p_row.recipient_email, 'recipient_address', p_row.recipient_address,
		'notes', p_row.notes, 'terms', p_row.terms
	)
$$;
comment on function private.proposal_content(public.proposals) is
	'The content columns of a proposal (what the recipient reads), for change detection.';

create or replace function private.prepare_proposal() returns trigger
language plpgsql
set search_path = ''
as $$
declare
	maintained constant text[] := array[
		'discount', 'subtotal', 'total_tax', 'total', 'tax_breakdown', 'public_token', 'status',
		'sent_at', 'viewed_at', 'accepted_at', 'accepted_by_name', 'signature', 'declined_at',
		'decline_reason', 'created_by', 'created_at', 'lead_id', 'customer_id'
	];
	totals record;
begin
	if tg_op = 'INSERT' then
		if current_user in ('anon', 'authenticated') then
			-- A new proposal starts as a draft with a fresh link and nothing happened to it yet.
			if new.status <> 'draft' then
				raise exception 'proposals.status is maintained by the database'
					using errcode = '42501', hint = 'Create the proposal as a draft.';
			end if;
			perform private.forbid_api_writes('proposals', to_jsonb(new), null, array[
				'sent_at', 'viewed_at', 'accepted_at', 'accepted_by_name', 'signature', 'declined_at',
				'decline_reason'
			]);
			new.public_token := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
			new.created_at := now();
		end if;
		new.version := 1;
	else
		if old.status = 'accepted' and (
			current_user in ('anon', 'authenticated')
			or to_jsonb(new) - array['assigned_to', 'created_by', 'updated_at', 'version']
				is distinct from to_jsonb(old) - array['assigned_to', 'created_by', 'updated_at', 'version']
		) then
			perform private.refuse_accepted_proposal();
		end if;
		if new.version is distinct from old.version then
			raise exception 'proposal was changed by someone else'
				using errcode = 'PT409',
					detail = json_build_object(
						'current_version', old.version, 'updated_at', old.updated_at
					)::text,
					hint = 'Reload the proposal and apply your change again.';
		end if;
		perform private.forbid_api_writes('proposals', to_jsonb(new), to_jsonb(old), maintained);
		if old.status in ('sent', 'open') and new.status = old.status
			and private.proposal_content(new) is distinct from private.proposal_content(old)
		then
			new.status := 'revised';
		end if;
		if not private.proposal_transition_allowed(old.status, new.status) then
			raise exception 'illegal transition % -> %', old.status, new.status
				using errcode = '22023';
		end if;
		-- A totals-only refresh after the items of a new proposal were written is not a change.
		if current_setting('leadwerk.proposal_totals_refresh', true) is distinct from new.id::text then
			new.version := old.version + 1;
		end if;
	end if;

	select * into totals from private.proposal_totals(new.id, new.discount_type, new.discount_value);
	new.subtotal := totals.subtotal;
	new.discount := totals.discount;
	new.total_tax := totals.total_tax;
	new.total := totals.total;
	new.tax_breakdown := totals.tax_breakdown;
	return new;
end;
$$;
comment on function private.prepare_proposal() is
	'Trigger: computes the totals; refuses API writes of status, link, public-link state and '
	'totals, a stale version (PT409), an illegal status transition (22023) and any change of an '
	'accepted proposal (PT423); revises a sent or open proposal whose content changes; '
	'increments version.';

-- Items --------------------------------------------------------------------------------------

create function private.guard_proposal_items() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
	-- Items deleted with their proposal find it gone and pass.
	if exists (
		select 1 from public.proposals
		where proposals.id in (new.proposal_id, old.proposal_id) and proposals.status = 'accepted'
	) then
		perform private.refuse_accepted_proposal();
	end if;
	return coalesce(new, old);
end;
$$;
comment on function private.guard_proposal_items() is
	'Trigger: the items of an accepted proposal cannot be added, changed or removed (PT423).';

create trigger guard_proposal_items before insert or update or delete on public.proposal_items
	for each row execute function private.guard_proposal_items();

-- Replaces the per-row refresh: once per statement and proposal, and not while save_proposal
-- replaces the items (it updates the proposal itself afterwards).
drop trigger refresh_proposal_totals on public.proposal_items;
drop function private.refresh_proposal_totals();

create function private.refresh_proposal_totals() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
	if current_setting('leadwerk.proposal_items_batch', true) = 'on' then
		return null;
	end if;
	update public.proposals
	set status = case when proposals.status in ('sent', 'open') then 'revised' else proposals.status end
	where proposals.id in (
		select changed.proposal_id from changed_items as changed
	);
	return null;
end;
$$;
comment on function private.refresh_proposal_totals() is
	'Statement trigger on proposal_items: recomputes the proposals whose items changed (their '
	'trigger computes the totals), revising sent or open ones.';

create function private.refresh_proposal_totals_after_delete() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
	if current_setting('leadwerk.proposal_items_batch', true) = 'on' then
		return null;
	end if;
	update public.proposals
	set status = case when proposals.status in ('sent', 'open') then 'revised' else proposals.status end
	where proposals.id in (select removed.proposal_id from removed_items as removed);
	return null;
end;
$$;
comment on function private.refresh_proposal_totals_after_delete() is
	'Statement trigger on proposal_items (delete): as refresh_proposal_totals for removed items.';

create trigger refresh_proposal_totals_insert after insert on public.proposal_items
	referencing new table as changed_items
	for each statement execute function private.refresh_proposal_totals();
create trigger refresh_proposal_totals_update after update on public.proposal_items
	referencing new table as changed_items
	for each statement execute function private.refresh_proposal_totals();
create trigger refresh_proposal_totals_delete after delete on public.proposal_items
	referencing old table as removed_items
	for each statement execute function private.refresh_proposal_totals_after_delete();

-- Existing proposals get their computed columns under the new rules.
update public.proposals set version = version;

revoke execute on all functions in schema private from public;
-- prepare_proposal runs as the caller.
grant execute on function
	private.proposal_totals(uuid, text, numeric),
	private.proposal_transition_allowed(text, text),
	private.refuse_accepted_proposal(),
	private.proposal_content(public.proposals)
	to authenticated, service_role;
