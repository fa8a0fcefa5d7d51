import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database as GeneratedDatabase } from './database.types';

type GeneratedSchema = GeneratedDatabase['public'];
type GeneratedFunctions = GeneratedSchema['Functions'];

/**
 * RPC arguments that take null. The generator types every argument as non-null, since SQL
 * cannot declare a parameter NOT NULL; these functions read null as "none" (a new proposal,
 * no contact time, no signature).
 */
type NullableArgs = {
	accept_proposal: { p_signature?: string | null };
	add_lead_note: { p_contacted_at?: string | null };
	save_proposal: { p_id: string | null; p_version: number | null };
};

/** The generated schema with the nullable RPC arguments above. */
export type Database = {
	public: Omit<GeneratedSchema, 'Functions'> & {
		Functions: Omit<GeneratedFunctions, keyof NullableArgs> & {
			[Name in keyof NullableArgs]: Omit<GeneratedFunctions[Name], 'Args'> & {
				Args: Omit<GeneratedFunctions[Name]['Args'], keyof NullableArgs[Name]> & NullableArgs[Name];
			};
		};
	};
};

/** A Supabase client typed by the schema: table, column and RPC names and values are checked. */
export type LeadwerkClient = SupabaseClient<Database>;
