-- Customers and the conversion of a lead into one (design.md §3, features.md "Convert to
-- customer"). Customers are seen by administrators, customers.view holders, their creator, and
-- whoever may see a lead converted into them. Conversion is one transaction behind the RPC
-- convert_lead_to_customer: it locks the lead, refuses a second run, links an existing customer
-- with the same contact e-mail instead of creating a twin, sets the converted status and
-- converted_at, and can copy the lead's notes to the customer.

create table public.customers (
	id uuid primary key default gen_random_uuid(),
	company text not null
		constraint customers_company_length check (char_length(btrim(company)) between 1 and 200),
	vat_number text constraint customers_vat_number_length check (char_length(vat_number) <= 50),
	phone text constraint customers_phone_length check (char_length(phone) <= 50),
	website public.http_url,
	address text constraint customers_address_length check (char_length(address) <= 500),
	city text constraint customers_city_length check (char_length(city) <= 100),
	state text constraint customers_state_length check (char_length(state) <= 100),
	zip text constraint customers_zip_length check (char_length(zip) <= 20),
	country text constraint customers_country_length check (char_length(country) <= 100),
	default_language text constraint customers_default_language_known
		check (default_language in ('de', 'en')),
	contact_name text constraint customers_contact_name_length check (char_length(contact_name) <= 200),
	contact_position text
		constraint customers_contact_position_length check (char_length(contact_position) <= 100),
	contact_email public.email_address,
	contact_phone text constraint customers_contact_phone_length check (char_length(contact_phone) <= 50),
	created_by uuid default auth.uid() references public.staff (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
comment on table public.customers is
	'Customers with their primary contact; created by converting a lead (or directly by '
	'customers.create holders). One customer per contact e-mail.';
create unique index customers_contact_email_key on public.customers (lower(contact_email));
create index customers_created_by_idx on public.customers (created_by);

alter table public.leads
	add constraint leads_customer_id_fkey foreign key (customer_id)
		references public.customers (id) on delete set null;

create table public.customer_notes (
	id uuid primary key default gen_random_uuid(),
	customer_id uuid not null references public.customers (id) on delete cascade,
	body text not null
		constraint customer_notes_body_length check (char_length(btrim(body)) between 1 and 10000),
	created_by uuid default auth.uid() references public.staff (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
comment on table public.customer_notes is
	'Notes on a customer, e.g. carried over from the lead at conversion.';
create index customer_notes_customer_id_created_at_idx
	on public.customer_notes (customer_id, created_at desc);
create index customer_notes_created_by_idx on public.customer_notes (created_by);

create function private.can_view_customer(p_customer_id uuid) returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
	return private.is_active_staff() and (
		private.has_permission('customers', 'view')
		or exists (
			select 1 from public.customers
			where customers.id = p_customer_id and customers.created_by = auth.uid()
		)
		or exists (
			select 1 from public.leads
			where leads.customer_id = p_customer_id and private.can_view_lead(leads.id)
		)
	);
end;
$$;
comment on function private.can_view_customer(uuid) is
	'True when the caller may see the customer: administrators, customers.view holders, its '
	'creator, and whoever may see a lead converted into it.';

alter table public.customers enable row level security;

create policy "Staff see customers they may view"
	on public.customers for select to authenticated
	using ((select private.can_view_customer(id)));

create policy "Staff allowed to create customers create them as themselves"
	on public.customers for insert to authenticated
	with check (
		(select private.has_permission('customers', 'create')) and created_by = (select auth.uid())
	);

create policy "Staff allowed to edit customers edit customers they may view"
	on public.customers for update to authenticated
	using (
		(select private.has_permission('customers', 'edit')) and (select private.can_view_customer(id))
	)
	with check ((select private.has_permission('customers', 'edit')));

create policy "Staff allowed to delete customers delete customers they may view"
	on public.customers for delete to authenticated
	using (
		(select private.has_permission('customers', 'delete'))
		and (select private.can_view_customer(id))
	);

alter table public.customer_notes enable row level security;

create policy "Staff see notes of customers they may view"
	on public.customer_notes for select to authenticated
	using ((select private.can_view_customer(customer_id)));

create policy "Staff add notes as themselves to customers they may view"
	on public.customer_notes for insert to authenticated
	with check (
		(select private.can_view_customer(customer_id)) and created_by = (select auth.uid())
	);

create policy "Authors and administrators edit notes of customers they may view"
	on public.customer_notes for update to authenticated
	using (
		(select private.can_view_customer(customer_id))
		and (created_by = (select auth.uid()) or (select private.is_admin()))
	)
	with check ((select private.can_view_customer(customer_id)));

create policy "Authors and administrators delete notes of customers they may view"
	on public.customer_notes for delete to authenticated
	using (
		(select private.can_view_customer(customer_id))
		and (created_by = (select auth.uid()) or (select private.is_admin()))
	);

create function private.prepare_authored_row() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if tg_op = 'UPDATE' then
		perform private.forbid_api_writes(tg_table_name, to_jsonb(new), to_jsonb(old),
			array['created_by', 'created_at']);
	elsif current_user in ('anon', 'authenticated') then
		new.created_at := now();
	end if;
	return new;
end;
$$;
comment on function private.prepare_authored_row() is
	'Trigger: author and creation time of a row are set once by the database.';

create trigger prepare_authored_row before insert or update on public.customers
	for each row execute function private.prepare_authored_row();
create trigger prepare_authored_row before insert or update on public.customer_notes
	for each row execute function private.prepare_authored_row();
create trigger touch_updated_at before update on public.customers
	for each row execute function private.touch_updated_at();
create trigger touch_updated_at before update on public.customer_notes
	for each row execute function private.touch_updated_at();

-- Conversion ------------------------------------------------------------------------------------

-- Runs as the database so it can find a customer with the same e-mail the caller cannot see and
-- write the lead's conversion columns; it checks the caller's rights itself.
create function private.convert_lead_to_customer(
	p_lead_id uuid,
	p_customer jsonb,
	p_carry_notes boolean
) returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
	customer_fields constant text[] := array[
		'company', 'vat_number', 'phone', 'website', 'address', 'city', 'state', 'zip', 'country',
		'default_language', 'contact_name', 'contact_position', 'contact_email', 'contact_phone'
	];
	lead public.leads;
	given public.customers;
	wanted_email text;
	converted_status uuid;
	unknown_field text;
	linked_customer uuid;
begin
	if p_customer is not null and jsonb_typeof(p_customer) <> 'object' then
		raise exception 'p_customer must be a JSON object' using errcode = '22023';
	end if;
	select field into unknown_field
	from jsonb_object_keys(coalesce(p_customer, '{}')) as field
	where field <> all (customer_fields)
	limit 1;
	if unknown_field is not null then
		raise exception 'unknown customer field: %', unknown_field
			using errcode = '22023', hint = 'Known fields: ' || array_to_string(customer_fields, ', ');
	end if;

	select * into lead from public.leads where leads.id = p_lead_id for update;
	if not found or not private.can_view_lead(p_lead_id) then
		raise exception 'lead not found'
			using errcode = 'PT404', detail = json_build_object('lead_id', p_lead_id)::text;
	end if;
	if lead.converted_at is not null or lead.customer_id is not null then
		raise exception 'lead already converted'
			using errcode = 'PT409',
				detail = json_build_object('customer_id', lead.customer_id,
					'converted_at', lead.converted_at)::text;
	end if;
	if not private.has_permission('customers', 'create') then
		raise exception 'converting a lead needs the permission customers.create'
			using errcode = '42501';
	end if;
	select id into converted_status from public.lead_statuses where kind = 'converted';
	if converted_status is null then
		raise exception 'no lead status of kind converted exists' using errcode = 'P0001';
	end if;

	given := jsonb_populate_record(null::public.customers, coalesce(p_customer, '{}'));
	wanted_email := nullif(btrim(coalesce(given.contact_email, lead.email)), '');
	-- A customer without e-mail never conflicts (nulls are distinct in the unique index).
	insert into public.customers (
		company, vat_number, phone, website, address, city, state, zip, country,
		default_language, contact_name, contact_position, contact_email, contact_phone
	)
	values (
		coalesce(given.company, lead.company, lead.name), given.vat_number,
		coalesce(given.phone, lead.phone), coalesce(given.website, lead.website),
		coalesce(given.address, lead.address), coalesce(given.city, lead.city),
		coalesce(given.state, lead.state), coalesce(given.zip, lead.zip),
		coalesce(given.country, lead.country),
		coalesce(given.default_language, lead.default_language),
		coalesce(given.contact_name, lead.name), coalesce(given.contact_position, lead.position),
		wanted_email, coalesce(given.contact_phone, lead.phone)
	)
	on conflict ((lower(contact_email))) do nothing
	returning customers.id into linked_customer;
	if linked_customer is null then
		select customers.id into linked_customer
		from public.customers
		where lower(customers.contact_email) = lower(wanted_email);
	end if;

	update public.leads
	set status_id = converted_status, converted_at = now(), customer_id = linked_customer
	where leads.id = p_lead_id;

	if p_carry_notes then
		insert into public.customer_notes (customer_id, body, created_by, created_at)
		select linked_customer, lead_notes.body, lead_notes.created_by, lead_notes.created_at
		from public.lead_notes
		where lead_notes.lead_id = p_lead_id
		order by lead_notes.created_at;
	end if;
	return linked_customer;
end;
$$;
comment on function private.convert_lead_to_customer(uuid, jsonb, boolean) is
	'The body of public.convert_lead_to_customer, run as the database after checking the caller.';

create function public.convert_lead_to_customer(
	p_lead_id uuid,
	p_customer jsonb default null,
	p_carry_notes boolean default false
) returns uuid
language sql volatile security invoker
set search_path = ''
as $$
	select private.convert_lead_to_customer(p_lead_id, p_customer, p_carry_notes)
$$;
comment on function public.convert_lead_to_customer(uuid, jsonb, boolean) is
	'Converts a lead the caller may view into a customer (needs customers.create) and returns the '
	'customer id. p_customer overrides the fields taken from the lead (company, vat_number, phone, '
	'website, address, city, state, zip, country, default_language, contact_name, '
	'contact_position, contact_email, contact_phone); an existing customer with the same contact '
	'e-mail is linked instead of created. p_carry_notes copies the lead''s notes to the customer. '
	'Errors: PT404 lead not found (or not visible), PT409 lead already converted, 42501 missing '
	'permission, 22023 unknown field.';

revoke execute on function public.convert_lead_to_customer(uuid, jsonb, boolean) from public, anon;
grant execute on function public.convert_lead_to_customer(uuid, jsonb, boolean)
	to authenticated, service_role;

revoke execute on all functions in schema private from public;
grant execute on function
	private.can_view_customer(uuid),
	private.convert_lead_to_customer(uuid, jsonb, boolean)
	to authenticated, service_role;
