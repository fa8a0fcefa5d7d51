-- Local demo data (runs after the migrations on `supabase db reset` and on a fresh local-supabase).
-- Plain SQL that works on a real Supabase too.
--
-- Demo personas (design.md §10), all with password `leadwerk-demo`:
--   id                                     email                name
--   00000000-0000-4000-a000-000000000001   admin@leadwerk.test  Alex Admin
--   00000000-0000-4000-a000-000000000002   lea@leadwerk.test    Lea Leitner
--   00000000-0000-4000-a000-000000000003   max@leadwerk.test    Max Vogel
--   00000000-0000-4000-a000-000000000004   nina@leadwerk.test   Nina Brandt
--
-- They are confirmed email users as GoTrue creates them: a bcrypt password, an `email` identity,
-- and '' (not null) in the token columns GoTrue reads into strings.

with personas (id, email, full_name) as (
	values
		('00000000-0000-4000-a000-000000000001'::uuid, 'admin@leadwerk.test', 'Alex Admin'),
		('00000000-0000-4000-a000-000000000002'::uuid, 'lea@leadwerk.test', 'Lea Leitner'),
		('00000000-0000-4000-a000-000000000003'::uuid, 'max@leadwerk.test', 'Max Vogel'),
		('00000000-0000-4000-a000-000000000004'::uuid, 'nina@leadwerk.test', 'Nina Brandt')
),
new_users as (
	insert into auth.users (
		instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
		raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
		confirmation_token, recovery_token, email_change_token_new, email_change,
		email_change_token_current, phone_change, phone_change_token, reauthentication_token
	)
	select
		'00000000-0000-0000-0000-000000000000', personas.id, 'authenticated', 'authenticated',
		personas.email, extensions.crypt('leadwerk-demo', extensions.gen_salt('bf')), now(),
		'{"provider": "email", "providers": ["email"]}'::jsonb,
		jsonb_build_object('full_name', personas.full_name), now(), now(),
		'', '', '', '', '', '', '', ''
	from personas
	on conflict (id) do nothing
	returning id, email
)
insert into auth.identities (
	provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at
)
select
	new_users.id::text, new_users.id,
	jsonb_build_object('sub', new_users.id::text, 'email', new_users.email, 'email_verified', true),
	'email', now(), now(), now()
from new_users;

-- Domain demo data (design.md §10, issue 4). Roles: "Vertriebsleitung" sees every lead
-- (leads.view_global), "Vertrieb" sees its own, assigned and public leads. Alex is the
-- administrator, Lea leads sales, Max and Nina sell. Statuses ship with the migrations.
--
-- Rows are written as postgres with `request.jwt.claims` naming the persona who did it, so the
-- triggers record the right actor in the activity log and in notifications, as if the personas
-- had worked through the app; the log is then backdated to when things happened.
-- Lead ids are fixed (00000000-0000-4000-b000-0000000000NN) for end-to-end tests and docs;
-- e-mail addresses use the reserved .example domain so nothing is ever sent to a real company.

insert into public.roles (id, name)
values
	('00000000-0000-4000-c000-000000000001', 'Vertriebsleitung'),
	('00000000-0000-4000-c000-000000000002', 'Vertrieb');

-- Both roles also got leads.add_source from the default-capability trigger.
insert into public.role_permissions (role_id, feature, capability)
values
	('00000000-0000-4000-c000-000000000001', 'leads', 'view_global'),
	('00000000-0000-4000-c000-000000000001', 'leads', 'delete'),
	('00000000-0000-4000-c000-000000000001', 'leads', 'import'),
	('00000000-0000-4000-c000-000000000001', 'proposals', 'view_global'),
	('00000000-0000-4000-c000-000000000001', 'proposals', 'create'),
	('00000000-0000-4000-c000-000000000001', 'proposals', 'edit'),
	('00000000-0000-4000-c000-000000000001', 'proposals', 'delete'),
	('00000000-0000-4000-c000-000000000001', 'customers', 'view'),
	('00000000-0000-4000-c000-000000000001', 'customers', 'create'),
	('00000000-0000-4000-c000-000000000001', 'customers', 'edit'),
	('00000000-0000-4000-c000-000000000002', 'proposals', 'create'),
	('00000000-0000-4000-c000-000000000002', 'proposals', 'edit'),
	('00000000-0000-4000-c000-000000000002', 'customers', 'create')
on conflict do nothing;

update public.staff set is_admin = true where id = '00000000-0000-4000-a000-000000000001';
update public.staff set role_id = '00000000-0000-4000-c000-000000000001'
where id = '00000000-0000-4000-a000-000000000002';
update public.staff set role_id = '00000000-0000-4000-c000-000000000002'
where id in ('00000000-0000-4000-a000-000000000003', '00000000-0000-4000-a000-000000000004');

insert into public.lead_sources (name)
values ('Webseite'), ('Empfehlung'), ('Messe'), ('Google'), ('LinkedIn')
on conflict do nothing;

do $seed$
declare
	-- Persona initials → staff ids.
	personas constant jsonb := jsonb_build_object(
		'A', '00000000-0000-4000-a000-000000000001',
		'L', '00000000-0000-4000-a000-000000000002',
		'M', '00000000-0000-4000-a000-000000000003',
		'N', '00000000-0000-4000-a000-000000000004'
	);
	lead_id uuid;
	row record;
begin
	-- Leads: number, name, position, company, e-mail, phone, website, city, zip, state, value,
	-- tags, status, source, created by, assigned to, public, lost, junk, days ago, description.
	for row in
		select * from (values
			(1, 'Thomas Berger', 'Geschäftsführer', 'Berger Maschinenbau GmbH', 'thomas.berger@berger-maschinenbau.example', '+49 711 4820 310', 'https://berger-maschinenbau.example', 'Stuttgart', '70565', 'Baden-Württemberg', 48000.00, '{Maschinenbau,Wartungsvertrag}'::text[], 'hot', 'Messe', 'M', 'M', false, false, false, 62, 'Kennengelernt auf der AMB. Interesse an einem Wartungsvertrag für 12 CNC-Anlagen.'),
			(2, 'Sabine Kräuter', 'Leiterin Einkauf', 'Kräuter Logistik AG', 's.kraeuter@kraeuter-logistik.example', '+49 40 3370 8812', 'https://kraeuter-logistik.example', 'Hamburg', '20457', 'Hamburg', 125000.00, '{Logistik,Rahmenvertrag}', 'hot', 'Empfehlung', 'L', 'M', false, false, false, 55, 'Empfehlung von Herrn Dorn. Sucht Rahmenvertrag für Lagertechnik an drei Standorten.'),
			(3, 'Jürgen Obermaier', 'Technischer Leiter', 'Obermaier Brauerei KG', 'j.obermaier@obermaier-braeu.example', '+49 8161 93 442', 'https://obermaier-braeu.example', 'Freising', '85354', 'Bayern', 18500.00, '{Lebensmittel}', 'cold', 'Webseite', 'M', 'M', false, false, false, 41, 'Anfrage über das Kontaktformular zu Abfüllanlagen.'),
			(4, 'Claudia Neumann', 'Prokuristin', 'Neumann & Söhne Bau GmbH', 'claudia.neumann@neumann-bau.example', '+49 221 9450 120', 'https://neumann-bau.example', 'Köln', '50667', 'Nordrhein-Westfalen', 32000.00, '{Bau}', 'cold', 'LinkedIn', 'N', 'N', false, false, false, 38, 'Kontakt über LinkedIn, möchte im Frühjahr investieren.'),
			(5, 'Markus Feldmann', 'IT-Leiter', 'Feldmann Versicherungsmakler GmbH', 'm.feldmann@feldmann-makler.example', '+49 69 7100 5521', 'https://feldmann-makler.example', 'Frankfurt am Main', '60311', 'Hessen', 9600.00, '{Software,Finanzen}', 'hot', 'Google', 'N', 'N', false, false, false, 30, 'Braucht ein CRM-Rollout für 25 Mitarbeiter bis Quartalsende.'),
			(6, 'Petra Lindner', 'Inhaberin', 'Lindner Feinkost e.K.', 'petra@lindner-feinkost.example', '+49 351 2104 877', 'https://lindner-feinkost.example', 'Dresden', '01067', 'Sachsen', 4200.00, '{Handel,Lebensmittel}', 'cold', 'Webseite', 'N', 'N', false, false, false, 27, 'Kleiner Betrieb, Budget knapp. Newsletter abonniert.'),
			(7, 'Andreas Wolff', 'Einkaufsleiter', 'Wolff Kunststofftechnik GmbH', 'a.wolff@wolff-kunststoff.example', '+49 5221 18 930', 'https://wolff-kunststoff.example', 'Herford', '32052', 'Nordrhein-Westfalen', 67000.00, '{Kunststoff,Produktion}', 'hot', 'Messe', 'L', 'N', false, false, false, 47, 'Auf der Hannover Messe gesprochen; Pilotprojekt in Halle 2 gewünscht.'),
			(8, 'Katrin Vogt', 'Assistentin der Geschäftsführung', 'Vogt Elektrotechnik GmbH', 'k.vogt@vogt-elektro.example', '+49 911 6540 233', 'https://vogt-elektro.example', 'Nürnberg', '90402', 'Bayern', 15000.00, '{Elektro}', 'cold', 'Google', 'A', null, false, false, false, 20, 'Noch nicht zugewiesen: Anfrage zu Schulungen.'),
			(9, 'Stefan Hoffmann', 'Geschäftsführer', 'Hoffmann Medizintechnik GmbH', 'stefan.hoffmann@hoffmann-medtech.example', '+49 761 2928 400', 'https://hoffmann-medtech.example', 'Freiburg im Breisgau', '79098', 'Baden-Württemberg', 210000.00, '{Medizintechnik,Großkunde}', 'hot', 'Empfehlung', 'A', 'L', false, false, false, 70, 'Strategischer Großkunde, Betreuung durch die Vertriebsleitung.'),
			(10, 'Monika Schreiber', 'Personalleiterin', 'Schreiber Personaldienste GmbH', 'monika.schreiber@schreiber-personal.example', '+49 30 8891 2200', 'https://schreiber-personal.example', 'Berlin', '10117', 'Berlin', 7800.00, '{Dienstleistung}', 'cold', 'LinkedIn', 'M', 'N', false, false, false, 33, 'Max hat den Kontakt hergestellt und an Nina übergeben (Region Berlin).'),
			(11, 'Frank Zimmermann', 'Werksleiter', 'Zimmermann Stahlbau GmbH & Co. KG', 'f.zimmermann@zimmermann-stahlbau.example', '+49 231 5560 710', 'https://zimmermann-stahlbau.example', 'Dortmund', '44135', 'Nordrhein-Westfalen', 54000.00, '{Stahlbau,Produktion}', 'hot', 'Messe', 'M', 'M', false, false, false, 58, 'Angebot für Hallenausstattung in Vorbereitung.'),
			(12, 'Julia Krämer', 'Marketingleiterin', 'Krämer Modehaus GmbH', 'julia.kraemer@kraemer-mode.example', '+49 621 4300 155', 'https://kraemer-mode.example', 'Mannheim', '68161', 'Baden-Württemberg', 12500.00, '{Handel,Mode}', 'cold', 'Google', 'N', 'N', true, false, false, 25, 'Öffentlich: wer Kontakte in den Modehandel hat, bitte melden.'),
			(13, 'Michael Schuster', 'CFO', 'Schuster Holding AG', 'michael.schuster@schuster-holding.example', '+49 89 2180 6600', 'https://schuster-holding.example', 'München', '80331', 'Bayern', 380000.00, '{Großkunde,Finanzen}', 'hot', 'Empfehlung', 'L', 'L', false, false, false, 90, 'Konzernweite Ausschreibung, Entscheidung im nächsten Quartal.'),
			(14, 'Anja Richter', 'Praxismanagerin', 'Zahnarztpraxis Dr. Richter', 'praxis@dr-richter-zahn.example', '+49 341 9610 30', 'https://dr-richter-zahn.example', 'Leipzig', '04109', 'Sachsen', 3100.00, '{Gesundheit}', 'cold', 'Webseite', 'N', 'N', false, true, false, 80, 'Hat sich für einen Mitbewerber entschieden.'),
			(15, 'Uwe Brandl', null, null, 'gewinnspiel@brandl-mail.example', null, null, null, null, null, null, '{}', 'cold', 'Webseite', 'M', null, false, false, true, 15, 'Gewinnspiel-Anmeldung, kein Geschäftsinteresse.'),
			(16, 'Heike Lorenz', 'Geschäftsführerin', 'Lorenz Reisen GmbH', 'h.lorenz@lorenz-reisen.example', '+49 421 3304 90', 'https://lorenz-reisen.example', 'Bremen', '28195', 'Bremen', 8900.00, '{Touristik}', 'cold', 'LinkedIn', 'L', null, true, false, false, 19, 'Öffentlicher Lead für das ganze Team.'),
			(17, 'Dirk Schäfer', 'Leiter Facility Management', 'Schäfer Immobilien GmbH', 'dirk.schaefer@schaefer-immo.example', '+49 611 1740 802', 'https://schaefer-immo.example', 'Wiesbaden', '65183', 'Hessen', 41000.00, '{Immobilien,Wartungsvertrag}', 'hot', 'Empfehlung', 'L', 'M', false, false, false, 44, 'Wartung für 40 Objekte im Rhein-Main-Gebiet.'),
			(18, 'Birgit Hahn', 'Einkäuferin', 'Hahn Autohaus GmbH', 'b.hahn@autohaus-hahn.example', '+49 511 8870 41', 'https://autohaus-hahn.example', 'Hannover', '30159', 'Niedersachsen', 22000.00, '{Automotive}', 'cold', 'Google', 'N', 'N', false, false, false, 12, 'Vergleicht drei Anbieter.'),
			(19, 'Ralf Koch', 'Betriebsleiter', 'Koch Lebensmittelwerke GmbH', 'ralf.koch@koch-lebensmittel.example', '+49 5451 9320 0', 'https://koch-lebensmittel.example', 'Ibbenbüren', '49477', 'Nordrhein-Westfalen', 76000.00, '{Lebensmittel,Produktion}', 'hot', 'Messe', 'M', 'M', false, false, false, 120, 'Auftrag erteilt, zum Kunden umgewandelt.'),
			(20, 'Susanne Wagner', 'Geschäftsführerin', 'Wagner Steuerberatung', 'kanzlei@wagner-steuer.example', '+49 228 6350 12', 'https://wagner-steuer.example', 'Bonn', '53111', 'Nordrhein-Westfalen', 5400.00, '{Dienstleistung,Finanzen}', 'hot', 'Empfehlung', 'N', 'N', false, false, false, 22, 'Möchte Kanzleisoftware ablösen.'),
			(21, 'Oliver Braun', 'Head of Operations', 'Braun Digital GmbH', 'oliver.braun@braun-digital.example', '+49 30 2555 9010', 'https://braun-digital.example', 'Berlin', '10997', 'Berlin', 28000.00, '{Software,Agentur}', 'hot', 'LinkedIn', 'M', 'N', false, false, false, 18, 'Von Max akquiriert, Betreuung durch Nina.'),
			(22, 'Gabriele Schulz', 'Verwaltungsleiterin', 'Stadtwerke Musterstadt GmbH', 'g.schulz@stadtwerke-musterstadt.example', '+49 6131 2400 0', 'https://stadtwerke-musterstadt.example', 'Mainz', '55116', 'Rheinland-Pfalz', 150000.00, '{Öffentlicher Sektor,Ausschreibung}', 'cold', 'Webseite', 'A', null, false, false, false, 10, 'Öffentliche Ausschreibung, Unterlagen angefordert.'),
			(23, 'Tobias Keller', 'Inhaber', 'Keller Tischlerei', 'info@keller-tischlerei.example', '+49 7531 28 450', 'https://keller-tischlerei.example', 'Konstanz', '78462', 'Baden-Württemberg', 2600.00, '{Handwerk}', 'cold', 'Google', 'M', 'M', true, false, false, 9, 'Kleiner Handwerksbetrieb, öffentlich für Kollegen mit Handwerkskunden.'),
			(24, 'Nicole Franke', 'Leiterin Qualitätsmanagement', 'Franke Pharma GmbH', 'n.franke@franke-pharma.example', '+49 6221 5400 700', 'https://franke-pharma.example', 'Heidelberg', '69115', 'Baden-Württemberg', 96000.00, '{Pharma,Großkunde}', 'hot', 'Messe', 'L', 'N', false, false, false, 52, 'Audit-Software; Entscheidung nach Vorführung.'),
			(25, 'Matthias Weber', 'Geschäftsführer', 'Weber Spedition GmbH', 'matthias.weber@weber-spedition.example', '+49 2131 7020 55', 'https://weber-spedition.example', 'Neuss', '41460', 'Nordrhein-Westfalen', 36000.00, '{Logistik}', 'cold', 'Empfehlung', 'N', 'N', false, true, false, 95, 'Projekt gestoppt, Budget gestrichen.'),
			(26, 'Christina Meyer', 'Office Managerin', 'Meyer Architekten PartG', 'office@meyer-architekten.example', '+49 40 6090 4411', 'https://meyer-architekten.example', 'Hamburg', '22767', 'Hamburg', 6900.00, '{Architektur}', 'cold', 'LinkedIn', 'M', 'M', false, false, false, 14, 'Interesse an Projektzeiterfassung.'),
			(27, 'Peter Schmitt', 'Einkaufsleiter', 'Schmitt Landtechnik GmbH', 'p.schmitt@schmitt-landtechnik.example', '+49 6321 9120 0', 'https://schmitt-landtechnik.example', 'Neustadt an der Weinstraße', '67433', 'Rheinland-Pfalz', 44000.00, '{Landtechnik}', 'hot', 'Messe', 'A', 'M', false, false, false, 36, 'Von Alex auf der Agritechnica übernommen und Max zugewiesen.'),
			(28, 'Martina Fuchs', 'Leiterin Vertrieb Innendienst', 'Fuchs Verpackungen GmbH', 'martina.fuchs@fuchs-verpackung.example', '+49 2361 4080 25', 'https://fuchs-verpackung.example', 'Recklinghausen', '45657', 'Nordrhein-Westfalen', 19000.00, '{Verpackung,Produktion}', 'cold', 'Google', 'N', 'N', false, false, false, 7, 'Bittet um Rückruf nächste Woche.'),
			(29, 'Holger Jung', 'Geschäftsführer', 'Jung Energietechnik GmbH', 'h.jung@jung-energie.example', '+49 361 5510 300', 'https://jung-energie.example', 'Erfurt', '99084', 'Thüringen', 87000.00, '{Energie}', 'hot', 'Empfehlung', 'L', 'L', true, false, false, 28, 'Öffentlich, damit das Team Referenzen beisteuern kann.'),
			(30, 'Silke Becker', 'Einkäuferin', 'Becker Druckerei GmbH', 's.becker@becker-druck.example', '+49 531 2870 66', 'https://becker-druck.example', 'Braunschweig', '38100', 'Niedersachsen', 11000.00, '{Druck}', 'cold', 'Webseite', 'M', 'M', false, false, false, 5, 'Neue Anfrage, noch nicht kontaktiert.'),
			(31, 'Klaus Hartmann', 'Vorstand', 'Hartmann Genossenschaftsbank eG', 'k.hartmann@hartmann-bank.example', '+49 231 8890 0', 'https://hartmann-bank.example', 'Dortmund', '44137', 'Nordrhein-Westfalen', 260000.00, '{Finanzen,Großkunde}', 'cold', 'Empfehlung', 'A', null, false, false, false, 3, 'Vertraulich: nur Geschäftsleitung und Vertriebsleitung.'),
			(32, 'Ines Schubert', 'Leiterin Kundenservice', 'Schubert Telekommunikation GmbH', 'ines.schubert@schubert-tk.example', '+49 371 3350 17', 'https://schubert-tk.example', 'Chemnitz', '09111', 'Sachsen', 23500.00, '{Telekommunikation}', 'hot', 'LinkedIn', 'N', 'N', false, false, false, 26, 'Callcenter mit 60 Plätzen.'),
			(33, 'Bernd Lehmann', 'Geschäftsführer', 'Lehmann Gartenbau GmbH', 'bernd.lehmann@lehmann-gartenbau.example', '+49 3328 47 115', 'https://lehmann-gartenbau.example', 'Teltow', '14513', 'Brandenburg', 4800.00, '{Handwerk}', 'cold', 'Google', 'N', 'N', false, false, false, 16, 'Saisonbetrieb, ab Februar wieder erreichbar.'),
			(34, 'Eva König', 'Leiterin Digitalisierung', 'König Kliniken gGmbH', 'eva.koenig@koenig-kliniken.example', '+49 521 9210 450', 'https://koenig-kliniken.example', 'Bielefeld', '33602', 'Nordrhein-Westfalen', 175000.00, '{Gesundheit,Großkunde}', 'hot', 'Messe', 'L', 'M', false, false, false, 49, 'Drei Kliniken, Ausschreibung im Sommer.'),
			(35, 'Rainer Huber', 'Inhaber', 'Huber Metallbau', 'r.huber@huber-metallbau.example', '+49 831 5120 88', 'https://huber-metallbau.example', 'Kempten', '87435', 'Bayern', 9900.00, '{Handwerk,Metall}', 'cold', 'Webseite', 'M', 'M', false, false, false, 11, null),
			(36, 'Sandra Peters', 'Einkaufsleiterin', 'Peters Textil GmbH', 'sandra.peters@peters-textil.example', '+49 2161 6610 40', 'https://peters-textil.example', 'Mönchengladbach', '41061', 'Nordrhein-Westfalen', 27000.00, '{Textil,Produktion}', 'hot', 'Empfehlung', 'N', 'N', true, false, false, 21, 'Öffentlich: Max kennt den Einkauf von früher.'),
			(37, 'Werner Schmid', 'Geschäftsführer', 'Schmid Kältetechnik GmbH', 'w.schmid@schmid-kaelte.example', '+49 7131 7740 0', 'https://schmid-kaelte.example', 'Heilbronn', '74072', 'Baden-Württemberg', 58000.00, '{Kältetechnik,Wartungsvertrag}', 'hot', 'Messe', 'L', 'N', false, false, false, 140, 'Rahmenvertrag unterschrieben.'),
			(38, 'Doris Albrecht', 'Sekretariat', 'Albrecht Rechtsanwälte', 'sekretariat@albrecht-recht.example', '+49 681 9470 20', 'https://albrecht-recht.example', 'Saarbrücken', '66111', 'Saarland', 3500.00, '{Dienstleistung}', 'cold', 'Google', 'A', 'N', false, false, false, 6, 'Von Alex an Nina zugewiesen.'),
			(39, 'Lukas Winter', 'Gründer', 'Winter Robotics GmbH', 'lukas@winter-robotics.example', '+49 89 4520 7710', 'https://winter-robotics.example', 'München', '81671', 'Bayern', 42000.00, '{Robotik,Start-up}', 'hot', 'LinkedIn', 'M', 'M', false, false, false, 24, 'Start-up mit Series-A-Finanzierung.'),
			(40, 'Ute Sommer', 'Leiterin Verwaltung', 'Sommer Pflegedienste GmbH', 'u.sommer@sommer-pflege.example', '+49 4131 2270 33', 'https://sommer-pflege.example', 'Lüneburg', '21335', 'Niedersachsen', 13500.00, '{Gesundheit,Pflege}', 'cold', 'Empfehlung', 'L', null, true, false, false, 13, 'Öffentlich und noch ohne Zuständigen: wer übernimmt?')
		) as lead_rows (
			number, name, position, company, email, phone, website, city, zip, state, value, tags,
			status, source, created_by, assigned_to, is_public, lost, junk, days_ago, description
		)
	loop
		perform set_config('request.jwt.claims',
			json_build_object('sub', personas ->> row.created_by, 'role', 'authenticated')::text, true);
		insert into public.leads (
			id, name, position, company, email, phone, website, address, city, zip, state, country,
			default_language, value, tags, status_id, source_id, created_by, assigned_to, is_public,
			lost, junk, description, created_at, status_changed_at, assigned_at
		)
		values (
			('00000000-0000-4000-b000-' || lpad(row.number::text, 12, '0'))::uuid,
			row.name, row.position, row.company, row.email, row.phone, row.website,
			case when row.city is not null then 'Hauptstraße ' || row.number end,
			row.city, row.zip, row.state, case when row.city is not null then 'Deutschland' end,
			'de', row.value, row.tags,
			(select id from public.lead_statuses where key = row.status),
			(select id from public.lead_sources where name = row.source),
			(personas ->> row.created_by)::uuid, (personas ->> row.assigned_to)::uuid, row.is_public,
			row.lost, row.junk, row.description,
			now() - make_interval(days => row.days_ago), now() - make_interval(days => row.days_ago),
			case when row.assigned_to is not null then now() - make_interval(days => row.days_ago) end
		);
	end loop;

	-- Notes: lead, author, days ago, contacted, text. Contacted notes make the contact log.
	for row in
		select * from (values
			(1, 'M', 60, true, 'Erstgespräch am Messestand, Visitenkarte erhalten. Rückruf vereinbart.'),
			(1, 'M', 45, true, 'Telefonat: Bedarf für 12 Anlagen bestätigt, Angebot gewünscht.'),
			(1, 'L', 20, false, 'Bitte Referenz Obermaier erwähnen, passt gut.'),
			(2, 'L', 54, true, 'Einführung durch Herrn Dorn per E-Mail.'),
			(2, 'M', 40, true, 'Vor-Ort-Termin in Hamburg, Lagerbesichtigung.'),
			(2, 'M', 8, true, 'Nachfass-Telefonat: Entscheidung Ende des Monats.'),
			(3, 'M', 35, true, 'Rückruf auf Webanfrage; Unterlagen per E-Mail gesendet.'),
			(4, 'N', 36, true, 'LinkedIn-Nachricht beantwortet, Termin im Januar.'),
			(5, 'N', 28, true, 'Demo per Videokonferenz, sehr positives Feedback.'),
			(5, 'N', 4, true, 'Preisverhandlung: 5 % Rabatt bei Jahresvertrag angefragt.'),
			(6, 'N', 25, false, 'Budget erst im nächsten Jahr, später erneut anfragen.'),
			(7, 'L', 46, true, 'Gespräch auf der Hannover Messe.'),
			(7, 'N', 30, true, 'Pilotprojekt besprochen, Halle 2 ab März.'),
			(9, 'A', 68, true, 'Kennenlernen mit der Geschäftsführung.'),
			(9, 'L', 31, true, 'Workshop mit drei Abteilungen durchgeführt.'),
			(9, 'L', 2, true, 'Telefonat mit Herrn Hoffmann: Vertragsentwurf geht an die Rechtsabteilung.'),
			(10, 'M', 32, true, 'Erstkontakt auf LinkedIn.'),
			(10, 'N', 12, false, 'Übernommen von Max, Termin folgt.'),
			(11, 'M', 50, true, 'Hallenbegehung in Dortmund.'),
			(11, 'M', 3, true, 'Angebotsdetails telefonisch abgestimmt.'),
			(13, 'L', 85, true, 'Einladung zur Ausschreibung erhalten.'),
			(13, 'L', 15, true, 'Präsentation vor dem Vorstand.'),
			(14, 'N', 70, true, 'Absage erhalten, Mitbewerber günstiger.'),
			(17, 'M', 40, true, 'Objektliste erhalten, Kalkulation läuft.'),
			(19, 'M', 110, true, 'Auftrag erteilt.'),
			(20, 'N', 20, true, 'Telefonat: Wechsel zum 1. Juli geplant.'),
			(21, 'M', 17, true, 'Erstgespräch, dann an Nina übergeben.'),
			(21, 'N', 6, true, 'Angebot besprochen, Rückfragen zur Schnittstelle.'),
			(24, 'N', 45, true, 'Vorführung im Werk Heidelberg.'),
			(25, 'N', 90, true, 'Projekt gestoppt, in einem Jahr nachfassen.'),
			(27, 'A', 35, true, 'Agritechnica-Gespräch, an Max übergeben.'),
			(27, 'M', 10, true, 'Telefonat: Bedarf für 2 Standorte.'),
			(29, 'L', 25, true, 'Kennenlernen, Referenzen angefragt.'),
			(29, 'M', 9, false, 'Ich habe eine Referenz aus dem Energiesektor, melde mich bei Lea.'),
			(32, 'N', 24, true, 'Besuch im Callcenter Chemnitz.'),
			(34, 'L', 48, true, 'Messegespräch mit Frau König.'),
			(34, 'M', 14, true, 'Anforderungskatalog erhalten.'),
			(36, 'N', 19, true, 'Erstgespräch, Max kennt den Einkauf.'),
			(36, 'M', 1, true, 'Kurz mit Frau Peters telefoniert, sie erwartet Ninas Angebot.'),
			(37, 'N', 130, true, 'Rahmenvertrag unterschrieben.'),
			(39, 'M', 22, true, 'Video-Call mit dem Gründerteam.'),
			(40, 'L', 12, false, 'Wer hat Erfahrung mit Pflegediensten? Bitte übernehmen.')
		) as note_rows (lead_number, author, days_ago, contacted, body)
	loop
		perform set_config('request.jwt.claims',
			json_build_object('sub', personas ->> row.author, 'role', 'authenticated')::text, true);
		lead_id := ('00000000-0000-4000-b000-' || lpad(row.lead_number::text, 12, '0'))::uuid;
		insert into public.lead_notes (lead_id, body, contacted, contacted_at, created_by, created_at)
		values (
			lead_id, row.body, row.contacted,
			case when row.contacted then now() - make_interval(days => row.days_ago) end,
			(personas ->> row.author)::uuid, now() - make_interval(days => row.days_ago)
		);
	end loop;

	-- Tasks: lead, created by, title, status, priority, due in days, assignees.
	for row in
		select * from (values
			(1, 'M', 'Angebot für Wartungsvertrag erstellen', 'in_progress', 'high', 3, '{M}'::text[]),
			(2, 'M', 'Lagerpläne auswerten', 'not_started', 'medium', 7, '{M}'),
			(2, 'L', 'Konditionen Rahmenvertrag freigeben', 'awaiting_feedback', 'high', 2, '{L}'),
			(5, 'N', 'Rabattfreigabe einholen', 'not_started', 'urgent', 1, '{N,L}'),
			(7, 'N', 'Pilotprojekt planen', 'in_progress', 'medium', 14, '{N}'),
			(9, 'L', 'Vertragsentwurf prüfen lassen', 'in_progress', 'high', 5, '{L,A}'),
			(11, 'M', 'Hallenplan anfordern', 'completed', 'low', -5, '{M}'),
			(13, 'L', 'Ausschreibungsunterlagen einreichen', 'not_started', 'urgent', 10, '{L}'),
			(21, 'N', 'Schnittstellendoku senden', 'not_started', 'medium', 2, '{N}'),
			(24, 'N', 'Vorführung nachbereiten', 'completed', 'medium', -40, '{N}'),
			(34, 'M', 'Anforderungskatalog beantworten', 'in_progress', 'high', 6, '{M,L}'),
			(36, 'N', 'Angebot Peters Textil', 'not_started', 'high', 4, '{N}')
		) as task_rows (lead_number, created_by, title, status, priority, due_in_days, assignees)
	loop
		perform set_config('request.jwt.claims',
			json_build_object('sub', personas ->> row.created_by, 'role', 'authenticated')::text, true);
		lead_id := ('00000000-0000-4000-b000-' || lpad(row.lead_number::text, 12, '0'))::uuid;
		with new_task as (
			insert into public.tasks (lead_id, title, status, priority, due_at, created_by)
			values (
				lead_id, row.title, row.status, row.priority,
				date_trunc('day', now()) + make_interval(days => row.due_in_days, hours => 10),
				(personas ->> row.created_by)::uuid
			)
			returning id
		)
		insert into public.task_assignees (task_id, staff_id)
		select new_task.id, (personas ->> assignee)::uuid
		from new_task, unnest(row.assignees) as assignee;
	end loop;

	-- Reminders: lead, set by, for whom, due in days, text, also by e-mail.
	for row in
		select * from (values
			(1, 'M', 'M', 2, 'Nachfassen wegen Angebot Wartungsvertrag', true),
			(2, 'L', 'M', 5, 'Entscheidung Kräuter Logistik abfragen', false),
			(4, 'N', 'N', 30, 'Frau Neumann wegen Frühjahrsbudget anrufen', true),
			(6, 'N', 'N', 120, 'Budget Lindner Feinkost erneut anfragen', false),
			(9, 'L', 'A', 1, 'Vertragsentwurf Hoffmann zurück?', true),
			(13, 'L', 'L', 9, 'Frist Ausschreibung Schuster Holding', true),
			(25, 'N', 'N', 270, 'Weber Spedition erneut kontaktieren', false),
			(28, 'N', 'N', 3, 'Rückruf Frau Fuchs', false)
		) as reminder_rows (lead_number, created_by, remind, due_in_days, description, by_email)
	loop
		perform set_config('request.jwt.claims',
			json_build_object('sub', personas ->> row.created_by, 'role', 'authenticated')::text, true);
		insert into public.reminders (
			lead_id, remind_staff_id, remind_at, description, notify_by_email, created_by
		)
		values (
			('00000000-0000-4000-b000-' || lpad(row.lead_number::text, 12, '0'))::uuid,
			(personas ->> row.remind)::uuid,
			date_trunc('day', now()) + make_interval(days => row.due_in_days, hours => 9),
			row.description, row.by_email, (personas ->> row.created_by)::uuid
		);
	end loop;

	-- The two won leads become customers the way the app converts them.
	perform set_config('request.jwt.claims',
		json_build_object('sub', personas ->> 'L', 'role', 'authenticated')::text, true);
	perform public.convert_lead_to_customer(
		'00000000-0000-4000-b000-000000000019', '{"vat_number": "DE281234567"}', true);
	perform public.convert_lead_to_customer(
		'00000000-0000-4000-b000-000000000037', '{"vat_number": "DE149876543"}', true);

	-- A proposal for a hot lead, written and mailed the way the app does it (save_proposal takes
	-- the recipient from the lead; totals are computed by the database).
	perform set_config('request.jwt.claims',
		json_build_object('sub', personas ->> 'M', 'role', 'authenticated')::text, true);
	insert into public.proposals (
		id, subject, open_till, lead_id, assigned_to, created_by, recipient_name, recipient_company,
		recipient_email, recipient_address, terms
	)
	select '00000000-0000-4000-d000-000000000001', 'Wartungsvertrag CNC-Anlagen 2027',
		current_date + 30, leads.id, (personas ->> 'M')::uuid, (personas ->> 'M')::uuid,
		leads.name, leads.company, leads.email, concat_ws(E'\n', leads.zip || ' ' || leads.city, 'Deutschland'),
		'Zahlbar innerhalb von 14 Tagen ohne Abzug. Laufzeit 12 Monate.'
	from public.leads where leads.id = '00000000-0000-4000-b000-000000000001';
	insert into public.proposal_items (proposal_id, position, description, quantity, unit, rate, tax_rate)
	values
		('00000000-0000-4000-d000-000000000001', 1, 'Wartung CNC-Anlage (pro Jahr)', 12, 'Stück', 3200, 19),
		('00000000-0000-4000-d000-000000000001', 2, 'Notfallpauschale 24/7', 1, 'Jahr', 6400, 19);
	perform public.mark_proposal_sent(
		'00000000-0000-4000-d000-000000000001', 'thomas.berger@berger-maschinenbau.example');

	perform set_config('request.jwt.claims', '', true);
end
$seed$;

-- Date the activity log like the events it records (the triggers stamped it "now").
update public.lead_activity
set created_at = leads.created_at
from public.leads
where lead_activity.lead_id = leads.id and lead_activity.action in ('lead.created');

update public.lead_activity
set created_at = lead_notes.created_at
from public.lead_notes
where lead_activity.action in ('note.added', 'lead.contacted')
	and lead_notes.id = (lead_activity.details ->> 'note_id')::uuid;
