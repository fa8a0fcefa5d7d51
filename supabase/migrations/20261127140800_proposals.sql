-- Proposals (Vorschläge) for a lead or a customer, with their items (design.md §3). Totals are
-- computed by the database from the items. A proposal for a lead is visible exactly when the
-- lead is; one for a customer to administrators, proposals.view_global holders, its assignee and
-- its creator. Creating needs proposals.create, editing proposals.edit (or being its creator),
-- deleting proposals.delete. The public link (public_token) is served by the app's server.

create table public.proposals (
	id uuid primary key default gen_random_uuid(),
	subject text not null
		constraint proposals_subject_length check (char_length(btrim(subject)) between 1 and 200),
	status text not null default 'draft' constraint proposals_status_known
		check (status in ('draft', 'sent', 'open', 'revised', 'declined', 'accepted')),
	date date not null default current_date,
	open_till date,
	currency text not null default 'EUR' constraint proposals_currency_format check (currency ~ '^[A-Z]{3}$'),
	discount numeric(14, 2) not null default 0 constraint proposals_discount_not_negative check (discount >= 0),
	subtotal numeric(14, 2) not null default 0,
	total_tax numeric(14, 2) not null default 0,
	total numeric(14, 2) not null default 0,
	public_token text not null default replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
	lead_id uuid references public.leads (id) on delete cascade,
	customer_id uuid references public.customers (id) on delete cascade,
	assigned_to uuid references public.staff (id) on delete set null,
	created_by uuid default auth.uid() references public.staff (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	constraint proposals_open_till_after_date check (open_till >= date),
	constraint proposals_for_lead_or_customer check (num_nonnulls(lead_id, customer_id) = 1)
);
comment on table public.proposals is
	'Proposals for a lead or a customer. subtotal, total_tax and total are computed from '
	'proposal_items and discount; public_token names the public link.';
create unique index proposals_public_token_key on public.proposals (public_token);
create index proposals_lead_id_idx on public.proposals (lead_id);
create index proposals_customer_id_idx on public.proposals (customer_id);
create index proposals_assigned_to_idx on public.proposals (assigned_to);
create index proposals_created_by_idx on public.proposals (created_by);

create table public.proposal_items (
	id uuid primary key default gen_random_uuid(),
	proposal_id uuid not null references public.proposals (id) on delete cascade,
	position integer not null default 0,
	description text not null
		constraint proposal_items_description_length check (char_length(btrim(description)) between 1 and 500),
	long_description text
		constraint proposal_items_long_description_length check (char_length(long_description) <= 5000),
	quantity numeric(12, 2) not null default 1
		constraint proposal_items_quantity_positive check (quantity > 0),
	unit text constraint proposal_items_unit_length check (char_length(unit) <= 20),
	rate numeric(14, 2) not null constraint proposal_items_rate_not_negative check (rate >= 0),
	tax_rate numeric(5, 2) not null default 0
		constraint proposal_items_tax_rate_percent check (tax_rate between 0 and 100),
	amount numeric(14, 2) generated always as (round(quantity * rate, 2)) stored,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
comment on table public.proposal_items is
	'Lines of a proposal; amount = quantity × rate, tax per line at tax_rate percent.';
create index proposal_items_proposal_id_position_idx on public.proposal_items (proposal_id, position);

create function private.can_view_proposal(p_proposal_id uuid) returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
	return exists (
		select 1 from public.proposals
		where proposals.id = p_proposal_id
			and case
				when proposals.lead_id is not null then private.can_view_lead(proposals.lead_id)
				else private.has_permission('proposals', 'view_global')
					or (private.is_active_staff()
						and auth.uid() in (proposals.assigned_to, proposals.created_by))
			end
	);
end;
$$;
comment on function private.can_view_proposal(uuid) is
	'True when the caller may see the proposal: for a lead exactly when they may see the lead; '
	'for a customer as administrator, proposals.view_global holder, assignee or creator.';

create function private.can_edit_proposal(p_proposal_id uuid) returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
	return private.can_view_proposal(p_proposal_id)
		and (
			private.has_permission('proposals', 'edit')
			or exists (
				select 1 from public.proposals
				where proposals.id = p_proposal_id and proposals.created_by = auth.uid()
			)
		);
end;
$$;
comment on function private.can_edit_proposal(uuid) is
	'True when the caller may see the proposal and holds proposals.edit or created it.';

alter table public.proposals enable row level security;

create policy "Staff see proposals they may view"
	on public.proposals for select to authenticated
	using (
		case
			when lead_id is not null then (select private.can_view_lead(lead_id))
			else (select private.has_permission('proposals', 'view_global'))
				or ((select private.is_active_staff())
					and (select auth.uid()) in (assigned_to, created_by))
		end
	);

create policy "Staff allowed to create proposals create them for leads and customers they may view"
	on public.proposals for insert to authenticated
	with check (
		(select private.has_permission('proposals', 'create'))
		and created_by = (select auth.uid())
		and (lead_id is null or (select private.can_view_lead(lead_id)))
		and (customer_id is null or (select private.can_view_customer(customer_id)))
	);

create policy "Staff allowed to edit proposals edit proposals they may view"
	on public.proposals for update to authenticated
	using ((select private.can_edit_proposal(id)))
	with check (
		(select private.is_active_staff())
		and (lead_id is null or (select private.can_view_lead(lead_id)))
		and (customer_id is null or (select private.can_view_customer(customer_id)))
	);

create policy "Staff allowed to delete proposals delete proposals they may view"
	on public.proposals for delete to authenticated
	using (
		(select private.has_permission('proposals', 'delete'))
		and (select private.can_view_proposal(id))
	);

alter table public.proposal_items enable row level security;

create policy "Staff see items of proposals they may view"
	on public.proposal_items for select to authenticated
	using ((select private.can_view_proposal(proposal_id)));

create policy "Staff who may edit a proposal add items"
	on public.proposal_items for insert to authenticated
	with check ((select private.can_edit_proposal(proposal_id)));

create policy "Staff who may edit a proposal change items"
	on public.proposal_items for update to authenticated
	using ((select private.can_edit_proposal(proposal_id)))
	with check ((select private.can_edit_proposal(proposal_id)));

create policy "Staff who may edit a proposal remove items"
	on public.proposal_items for delete to authenticated
	using ((select private.can_edit_proposal(proposal_id)));

-- Totals ----------------------------------------------------------------------------------------

create function private.prepare_proposal() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if tg_op = 'UPDATE' then
		perform private.forbid_api_writes('proposals', to_jsonb(new), to_jsonb(old),
			array['subtotal', 'total_tax', 'total', 'public_token', 'created_by', 'created_at']);
	else
		if current_user in ('anon', 'authenticated') then
			new.subtotal := 0;
			new.total_tax := 0;
			new.created_at := now();
		end if;
	end if;
	new.total := new.subtotal + new.total_tax - new.discount;
	return new;
end;
$$;
comment on function private.prepare_proposal() is
	'Trigger: total = subtotal + total_tax - discount; totals, token, author and creation time '
	'are the database''s.';

create trigger prepare_proposal before insert or update on public.proposals
	for each row execute function private.prepare_proposal();
create trigger touch_updated_at before update on public.proposals
	for each row execute function private.touch_updated_at();
create trigger touch_updated_at before update on public.proposal_items
	for each row execute function private.touch_updated_at();

create function private.refresh_proposal_totals() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
	update public.proposals
	set (subtotal, total_tax) = (
		select coalesce(sum(items.amount), 0),
			coalesce(sum(round(items.amount * items.tax_rate / 100, 2)), 0)
		from public.proposal_items as items
		where items.proposal_id = proposals.id
	)
	where proposals.id in (new.proposal_id, old.proposal_id);
	return null;
end;
$$;
comment on function private.refresh_proposal_totals() is
	'Trigger: recomputes subtotal and total_tax of the proposal(s) whose items changed.';

create trigger refresh_proposal_totals after insert or update or delete on public.proposal_items
	for each row execute function private.refresh_proposal_totals();

revoke execute on all functions in schema private from public;
grant execute on function private.can_view_proposal(uuid), private.can_edit_proposal(uuid)
	to authenticated, service_role;
