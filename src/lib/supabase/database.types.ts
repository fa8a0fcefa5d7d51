// Placeholder until the domain migrations land: then this file is generated with
// `supabase gen types typescript --local > src/lib/supabase/database.types.ts` and not edited by hand.
export type Database = {
	public: {
		Tables: { [_ in never]: never };
		Views: { [_ in never]: never };
		Functions: { [_ in never]: never };
		Enums: { [_ in never]: never };
		CompositeTypes: { [_ in never]: never };
	};
};
