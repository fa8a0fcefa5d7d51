-- The staff RPCs of proposals (notes/proposals-contract.md "RPCs"): save with items in one
-- transaction, status changes along the flow, duplicate, link renew/revoke, mark as sent, and the
-- document (the public shape) for the staff PDF. Each is a public security-invoker wrapper over
-- a private definer body that checks visibility (PT404), rights (42501), an accepted proposal
-- (PT423) and the version (PT409) itself.

-- The document -----------------------------------------------------------------------------------

-- What the recipient sees: never ids, tokens, lead data beyond the recipient fields, or who
-- inside the team did what, apart from the sender.
create function private.proposal_document(p_proposal public.proposals) returns jsonb
language sql stable security definer
set search_path = ''
as $$
	select jsonb_build_object(
		'number', p_proposal.number,
		'subject', p_proposal.subject,
		'status', p_proposal.status,
		'date', p_proposal.date,
		'open_till', p_proposal.open_till,
		'currency', p_proposal.currency,
		'language', p_proposal.language,
		'recipient_name', p_proposal.recipient_name,
		'recipient_company', p_proposal.recipient_company,
		'recipient_email', p_proposal.recipient_email,
		'recipient_address', p_proposal.recipient_address,
		'notes', p_proposal.notes,
		'terms', p_proposal.terms,
		'discount_type', p_proposal.discount_type,
		'discount_value', p_proposal.discount_value,
		'discount', p_proposal.discount,
		'subtotal', p_proposal.subtotal,
		'total_tax', p_proposal.total_tax,
		'total', p_proposal.total,
		'tax_breakdown', p_proposal.tax_breakdown,
		'accepted_at', p_proposal.accepted_at,
		'accepted_by_name', p_proposal.accepted_by_name,
		'signature', p_proposal.signature,
		'declined_at', p_proposal.declined_at,
		'decline_reason', p_proposal.decline_reason,
		'expired', coalesce(p_proposal.open_till < current_date, false),
		'items', coalesce((
			select jsonb_agg(jsonb_build_object(
					'position', items.position,
					'description', items.description,
					'long_description', items.long_description,
					'quantity', items.quantity,
					'unit', items.unit,
					'rate', items.rate,
					'tax_rate', items.tax_rate,
					'amount', items.amount
				) order by items.position, items.created_at, items.id)
			from public.proposal_items as items
			where items.proposal_id = p_proposal.id
		), '[]'::jsonb),
		'sender', (
			select jsonb_build_object(
				'company', 'Leadwerk', 'staff_name', staff.full_name, 'staff_email', staff.email)
			from (select 1) as one
			left join public.staff
				on staff.id = coalesce(p_proposal.assigned_to, p_proposal.created_by)
		)
	)
$$;
comment on function private.proposal_document(public.proposals) is
	'The proposal as its recipient sees it (public page, PDF, mail): content, totals, items, '
	'acceptance state and the sender (assignee or creator); no ids, tokens or internal data.';

-- Shared checks ----------------------------------------------------------------------------------

create function private.raise_proposal_not_found(p_id uuid) returns void
language plpgsql immutable
set search_path = ''
as $$
begin
	raise exception 'proposal not found'
		using errcode = 'PT404', detail = json_build_object('proposal_id', p_id)::text;
end;
$$;
comment on function private.raise_proposal_not_found(uuid) is
	'Raises PT404 (HTTP 404) "proposal not found".';

-- Locks the proposal for the rest of the transaction.
create function private.proposal_for_edit(p_id uuid) returns public.proposals
language plpgsql volatile security definer
set search_path = ''
as $$
declare
	proposal public.proposals;
begin
	select * into proposal from public.proposals where proposals.id = p_id for update;
	if not found or not private.can_view_proposal(p_id) then
		perform private.raise_proposal_not_found(p_id);
	end if;
	if not private.can_edit_proposal(p_id) then
		raise exception 'changing this proposal needs proposals.edit or being its creator'
			using errcode = '42501';
	end if;
	if proposal.status = 'accepted' then
		perform private.refuse_accepted_proposal();
	end if;
	return proposal;
end;
$$;
comment on function private.proposal_for_edit(uuid) is
	'Locks and returns a proposal the caller may edit; PT404 when not visible, 42501 without the '
	'right, PT423 when accepted.';

create function private.new_proposal_token() returns text
language sql volatile
set search_path = ''
as $$
	select replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
$$;
comment on function private.new_proposal_token() is
	'A fresh public link token (two random UUIDs, 244 random bits).';

-- Writes the items of a proposal in display order without a totals refresh per statement; the
-- caller updates the proposal afterwards.
create function private.write_proposal_items(p_proposal_id uuid, p_items jsonb) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
	item_fields constant text[] := array[
		'description', 'long_description', 'quantity', 'unit', 'rate', 'tax_rate'
	];
	unknown_field text;
begin
	if p_items is null or jsonb_typeof(p_items) <> 'array' then
		raise exception 'p_items must be a JSON array' using errcode = '22023';
	end if;
	if exists (select 1 from jsonb_array_elements(p_items) as item where jsonb_typeof(item) <> 'object')
	then
		raise exception 'each item must be a JSON object' using errcode = '22023';
	end if;
	select field into unknown_field
	from jsonb_array_elements(p_items) as item, jsonb_object_keys(item) as field
	where field <> all (item_fields)
	limit 1;
	if unknown_field is not null then
		raise exception 'unknown item field: %', unknown_field
			using errcode = '22023', hint = 'Known fields: ' || array_to_string(item_fields, ', ');
	end if;

	perform set_config('leadwerk.proposal_items_batch', 'on', true);
	delete from public.proposal_items where proposal_items.proposal_id = p_proposal_id;
	insert into public.proposal_items (
		proposal_id, position, description, long_description, quantity, unit, rate, tax_rate
	)
	select p_proposal_id, item.position, item.value ->> 'description',
		item.value ->> 'long_description', coalesce((item.value ->> 'quantity')::numeric, 1),
		item.value ->> 'unit', (item.value ->> 'rate')::numeric,
		coalesce((item.value ->> 'tax_rate')::numeric, 0)
	from jsonb_array_elements(p_items) with ordinality as item(value, position);
	perform set_config('leadwerk.proposal_items_batch', '', true);
end;
$$;
comment on function private.write_proposal_items(uuid, jsonb) is
	'Replaces the items of a proposal by p_items (array of {description, long_description, '
	'quantity, unit, rate, tax_rate}, positions in array order); 22023 for a malformed array.';

-- A proposal created in this transaction gets its totals from the items written after it,
-- still as version 1.
create function private.refresh_new_proposal(p_id uuid) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
begin
	perform set_config('leadwerk.proposal_totals_refresh', p_id::text, true);
	update public.proposals set updated_at = proposals.created_at where proposals.id = p_id;
	perform set_config('leadwerk.proposal_totals_refresh', '', true);
end;
$$;
comment on function private.refresh_new_proposal(uuid) is
	'Computes the totals of a proposal created in this transaction without counting a version.';

-- save_proposal ------------------------------------------------------------------------------------

create function private.save_proposal(
	p_id uuid,
	p_version integer,
	p_proposal jsonb,
	p_items jsonb
) returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
	proposal_fields constant text[] := array[
		'subject', 'date', 'open_till', 'currency', 'language', 'assigned_to', 'lead_id',
		'customer_id', 'discount_type', 'discount_value', 'recipient_name', 'recipient_company',
		'recipient_email', 'recipient_address', 'notes', 'terms'
	];
	unknown_field text;
	current public.proposals;
	given public.proposals;
	lead public.leads;
	customer public.customers;
	saved_id uuid;
begin
	if p_proposal is null or jsonb_typeof(p_proposal) <> 'object' then
		raise exception 'p_proposal must be a JSON object' using errcode = '22023';
	end if;
	select field into unknown_field
	from jsonb_object_keys(p_proposal) as field
	where field <> all (proposal_fields)
	limit 1;
	if unknown_field is not null then
		raise exception 'unknown proposal field: %', unknown_field
			using errcode = '22023', hint = 'Known fields: ' || array_to_string(proposal_fields, ', ');
	end if;
	if p_items is null or jsonb_typeof(p_items) <> 'array' then
		raise exception 'p_items must be a JSON array' using errcode = '22023';
	end if;

	if p_id is not null then
		current := private.proposal_for_edit(p_id);
		if p_version is distinct from current.version then
			raise exception 'proposal was changed by someone else'
				using errcode = 'PT409',
					detail = json_build_object(
						'current_version', current.version, 'updated_at', current.updated_at
					)::text,
					hint = 'Reload the proposal and apply your change again.';
		end if;
		if (p_proposal ? 'lead_id' and (p_proposal ->> 'lead_id')::uuid is distinct from current.lead_id)
			or (p_proposal ? 'customer_id'
				and (p_proposal ->> 'customer_id')::uuid is distinct from current.customer_id)
		then
			raise exception 'lead_id and customer_id are set when the proposal is created'
				using errcode = '22023';
		end if;
		given := jsonb_populate_record(current, p_proposal);
		perform private.write_proposal_items(p_id, p_items);
		update public.proposals
		set subject = given.subject, date = given.date, open_till = given.open_till,
			currency = given.currency, language = given.language, assigned_to = given.assigned_to,
			discount_type = given.discount_type, discount_value = given.discount_value,
			recipient_name = given.recipient_name, recipient_company = given.recipient_company,
			recipient_email = given.recipient_email, recipient_address = given.recipient_address,
			notes = given.notes, terms = given.terms,
			status = case when current.status in ('sent', 'open') then 'revised' else current.status end,
			version = p_version
		where proposals.id = p_id;
		return p_id;
	end if;

	if not private.has_permission('proposals', 'create') then
		raise exception 'creating a proposal needs proposals.create' using errcode = '42501';
	end if;
	given := jsonb_populate_record(null::public.proposals, p_proposal);
	if num_nonnulls(given.lead_id, given.customer_id) <> 1 then
		raise exception 'a proposal is for exactly one of lead_id and customer_id'
			using errcode = '22023';
	end if;
	if given.lead_id is not null then
		select * into lead from public.leads where leads.id = given.lead_id;
		if not found or not private.can_view_lead(given.lead_id) then
			raise exception 'lead not found'
				using errcode = 'PT404', detail = json_build_object('lead_id', given.lead_id)::text;
		end if;
	else
		select * into customer from public.customers where customers.id = given.customer_id;
		if not found or not private.can_view_customer(given.customer_id) then
			raise exception 'customer not found'
				using errcode = 'PT404',
					detail = json_build_object('customer_id', given.customer_id)::text;
		end if;
	end if;

	insert into public.proposals (
		subject, date, open_till, currency, language, assigned_to, lead_id, customer_id,
		discount_type, discount_value, recipient_name, recipient_company, recipient_email,
		recipient_address, notes, terms, created_by
	)
	values (
		given.subject,
		coalesce(given.date, current_date),
		given.open_till,
		coalesce(given.currency, 'EUR'),
		coalesce(given.language,
			case when coalesce(lead.default_language, customer.default_language) in ('de', 'en')
				then coalesce(lead.default_language, customer.default_language) else 'de' end),
		given.assigned_to,
		given.lead_id,
		given.customer_id,
		coalesce(given.discount_type, 'amount'),
		coalesce(given.discount_value, 0),
		case when p_proposal ? 'recipient_name' then given.recipient_name
			else coalesce(lead.name, customer.contact_name) end,
		case when p_proposal ? 'recipient_company' then given.recipient_company
			else coalesce(lead.company, customer.company) end,
		case when p_proposal ? 'recipient_email' then given.recipient_email
			else coalesce(lead.email, customer.contact_email) end,
		case when p_proposal ? 'recipient_address' then given.recipient_address
			else nullif(concat_ws(E'\n',
				coalesce(lead.address, customer.address),
				nullif(concat_ws(' ', coalesce(lead.zip, customer.zip), coalesce(lead.city, customer.city)), ''),
				coalesce(lead.country, customer.country)
			), '') end,
		given.notes,
		given.terms,
		auth.uid()
	)
	returning proposals.id into saved_id;
	perform private.write_proposal_items(saved_id, p_items);
	perform private.refresh_new_proposal(saved_id);
	return saved_id;
end;
$$;
comment on function private.save_proposal(uuid, integer, jsonb, jsonb) is
	'The body of public.save_proposal, run as the database after checking the caller.';

create function public.save_proposal(
	p_id uuid,
	p_version integer,
	p_proposal jsonb,
	p_items jsonb
) returns uuid
language sql volatile security invoker
set search_path = ''
as $$
	select private.save_proposal(p_id, p_version, p_proposal, p_items)
$$;
comment on function public.save_proposal(uuid, integer, jsonb, jsonb) is
	'Creates (p_id null; needs proposals.create and exactly one of lead_id / customer_id the '
	'caller may view; recipient and language default from it) or updates (needs the edit right; '
	'p_version must be the current version) a proposal and REPLACES its items by p_items, in one '
	'transaction; returns the id. p_proposal keys: subject, date, open_till, currency, language, '
	'assigned_to, lead_id, customer_id (create only), discount_type, discount_value, '
	'recipient_name, recipient_company, recipient_email, recipient_address, notes, terms. Saving '
	'a sent or open proposal revises it. Errors: PT404 not visible, 42501 no right, PT409 stale '
	'version, PT423 accepted, 22023 unknown key or malformed items, 23514 check (constraint name).';

-- Status -------------------------------------------------------------------------------------------

create function private.set_proposal_status(p_id uuid, p_status text) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
	current public.proposals := private.proposal_for_edit(p_id);
begin
	if p_status is null
		or p_status not in ('draft', 'sent', 'open', 'revised', 'declined', 'accepted')
		or not private.proposal_transition_allowed(current.status, p_status)
	then
		raise exception 'illegal transition % -> %', current.status, coalesce(p_status, 'null')
			using errcode = '22023';
	end if;
	update public.proposals
	set status = p_status,
		accepted_at = case when p_status = 'accepted' then now() else proposals.accepted_at end,
		declined_at = case when p_status = 'declined' then now() else proposals.declined_at end
	where proposals.id = p_id;
end;
$$;
comment on function private.set_proposal_status(uuid, text) is
	'The body of public.set_proposal_status, run as the database after checking the caller.';

create function public.set_proposal_status(p_id uuid, p_status text) returns void
language sql volatile security invoker
set search_path = ''
as $$
	select private.set_proposal_status(p_id, p_status)
$$;
comment on function public.set_proposal_status(uuid, text) is
	'Moves a proposal the caller may edit along the status flow (draft → sent|open; sent, open, '
	'revised → sent|open|revised|declined|accepted; declined → revised). Errors: PT404, 42501, '
	'PT423 accepted, 22023 "illegal transition <old> -> <new>".';

-- Duplicate ---------------------------------------------------------------------------------------

create function private.duplicate_proposal(p_id uuid) returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
	source public.proposals;
	copy_id uuid;
begin
	select * into source from public.proposals where proposals.id = p_id;
	if not found or not private.can_view_proposal(p_id) then
		perform private.raise_proposal_not_found(p_id);
	end if;
	if not private.has_permission('proposals', 'create')
		or (source.customer_id is not null and not private.can_view_customer(source.customer_id))
	then
		raise exception 'duplicating a proposal needs proposals.create' using errcode = '42501';
	end if;
	insert into public.proposals (
		subject, date, open_till, currency, language, assigned_to, lead_id, customer_id,
		discount_type, discount_value, recipient_name, recipient_company, recipient_email,
		recipient_address, notes, terms, created_by
	)
	values (
		source.subject, current_date, current_date + (source.open_till - source.date),
		source.currency, source.language, source.assigned_to, source.lead_id, source.customer_id,
		source.discount_type, source.discount_value, source.recipient_name,
		source.recipient_company, source.recipient_email, source.recipient_address, source.notes,
		source.terms, auth.uid()
	)
	returning proposals.id into copy_id;
	perform set_config('leadwerk.proposal_items_batch', 'on', true);
	insert into public.proposal_items (
		proposal_id, position, description, long_description, quantity, unit, rate, tax_rate
	)
	select copy_id, items.position, items.description, items.long_description, items.quantity,
		items.unit, items.rate, items.tax_rate
	from public.proposal_items as items
	where items.proposal_id = p_id;
	perform set_config('leadwerk.proposal_items_batch', '', true);
	perform private.refresh_new_proposal(copy_id);
	return copy_id;
end;
$$;
comment on function private.duplicate_proposal(uuid) is
	'The body of public.duplicate_proposal, run as the database after checking the caller.';

create function public.duplicate_proposal(p_id uuid) returns uuid
language sql volatile security invoker
set search_path = ''
as $$
	select private.duplicate_proposal(p_id)
$$;
comment on function public.duplicate_proposal(uuid) is
	'Copies a proposal the caller may view into a new draft (items, recipient, discount, notes, '
	'terms; new number and link, dated today, same validity span) and returns its id; needs '
	'proposals.create. Errors: PT404 not visible, 42501 no right.';

-- The public link -----------------------------------------------------------------------------

create function private.renew_proposal_link(p_id uuid) returns text
language plpgsql volatile security definer
set search_path = ''
as $$
declare
	token text := private.new_proposal_token();
begin
	perform private.proposal_for_edit(p_id);
	update public.proposals set public_token = token where proposals.id = p_id;
	return token;
end;
$$;
comment on function private.renew_proposal_link(uuid) is
	'The body of public.renew_proposal_link, run as the database after checking the caller.';

create function public.renew_proposal_link(p_id uuid) returns text
language sql volatile security invoker
set search_path = ''
as $$
	select private.renew_proposal_link(p_id)
$$;
comment on function public.renew_proposal_link(uuid) is
	'Gives a proposal the caller may edit a new public link token (the old link stops working) '
	'and returns it. Errors: PT404, 42501, PT423 accepted.';

create function private.revoke_proposal_link(p_id uuid) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
begin
	perform private.proposal_for_edit(p_id);
	update public.proposals set public_token = null where proposals.id = p_id;
end;
$$;
comment on function private.revoke_proposal_link(uuid) is
	'The body of public.revoke_proposal_link, run as the database after checking the caller.';

create function public.revoke_proposal_link(p_id uuid) returns void
language sql volatile security invoker
set search_path = ''
as $$
	select private.revoke_proposal_link(p_id)
$$;
comment on function public.revoke_proposal_link(uuid) is
	'Switches the public link of a proposal the caller may edit off (public_token null). Errors: '
	'PT404, 42501, PT423 accepted.';

-- Sent ----------------------------------------------------------------------------------------

create function private.mark_proposal_sent(p_id uuid, p_email text) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
	current public.proposals := private.proposal_for_edit(p_id);
begin
	if p_email is null or char_length(btrim(p_email)) not between 3 and 254 then
		raise exception 'email required' using errcode = '22023';
	end if;
	update public.proposals set status = 'sent', sent_at = now() where proposals.id = p_id;
	perform private.log_proposal_event(current.lead_id, 'proposal.sent', jsonb_build_object(
		'proposal_id', current.id, 'subject', current.subject, 'email', btrim(p_email)));
end;
$$;
comment on function private.mark_proposal_sent(uuid, text) is
	'The body of public.mark_proposal_sent, run as the database after checking the caller.';

create function public.mark_proposal_sent(p_id uuid, p_email text) returns void
language sql volatile security invoker
set search_path = ''
as $$
	select private.mark_proposal_sent(p_id, p_email)
$$;
comment on function public.mark_proposal_sent(uuid, text) is
	'Records that a proposal the caller may edit was mailed to p_email (the send-proposal '
	'function calls it after SMTP accepted the mail): status sent (from draft, open, revised; '
	'stays sent), sent_at now, activity proposal.sent. Errors: PT404, 42501, PT423 accepted, '
	'22023 illegal transition (declined) or no e-mail.';

-- Document for staff ------------------------------------------------------------------------------

create function private.get_proposal_document(p_id uuid) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
	proposal public.proposals;
begin
	select * into proposal from public.proposals where proposals.id = p_id;
	if not found or not private.can_view_proposal(p_id) then
		perform private.raise_proposal_not_found(p_id);
	end if;
	return private.proposal_document(proposal);
end;
$$;
comment on function private.get_proposal_document(uuid) is
	'The body of public.get_proposal_document, run as the database after checking the caller.';

create function public.get_proposal_document(p_id uuid) returns jsonb
language sql stable security invoker
set search_path = ''
as $$
	select private.get_proposal_document(p_id)
$$;
comment on function public.get_proposal_document(uuid) is
	'A proposal the caller may view in the shape of get_public_proposal (for the staff PDF and '
	'preview), without marking it viewed. Errors: PT404 not visible.';

-- Grants --------------------------------------------------------------------------------------

revoke execute on function
	public.save_proposal(uuid, integer, jsonb, jsonb),
	public.set_proposal_status(uuid, text),
	public.duplicate_proposal(uuid),
	public.renew_proposal_link(uuid),
	public.revoke_proposal_link(uuid),
	public.mark_proposal_sent(uuid, text),
	public.get_proposal_document(uuid)
	from public, anon;
grant execute on function
	public.save_proposal(uuid, integer, jsonb, jsonb),
	public.set_proposal_status(uuid, text),
	public.duplicate_proposal(uuid),
	public.renew_proposal_link(uuid),
	public.revoke_proposal_link(uuid),
	public.mark_proposal_sent(uuid, text),
	public.get_proposal_document(uuid)
	to authenticated, service_role;

revoke execute on all functions in schema private from public;
grant execute on function
	private.save_proposal(uuid, integer, jsonb, jsonb),
	private.set_proposal_status(uuid, text),
	private.duplicate_proposal(uuid),
	private.renew_proposal_link(uuid),
	private.revoke_proposal_link(uuid),
	private.mark_proposal_sent(uuid, text),
	private.get_proposal_document(uuid)
	to authenticated, service_role;
