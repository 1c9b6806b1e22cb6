package sim

// The pension barrier (MODEL.md §4.3): which staff of which provider may
// be members of the NHS Pension Scheme in a year, what that costs the
// employer, and what a transfer under TUPE does to the staff it moves. The
// rules themselves, and how staff weigh them, are agents.PensionRules;
// the phases use them where the barrier bites: recruitment and quits
// (staffdynamics.go), a spin-out's ballot (spinout.go), a bid's cost
// (tendering.go) and the year's pension cost (delivery.go).

import (
	"mutualsim/agents"
	"mutualsim/inputs"
)

// pensionRules returns the pension rules in force in year under p.
func pensionRules(p *inputs.Params, year int) agents.PensionRules {
	return agents.PensionRules{
		Access:           string(p.Pension.Access),
		PrivateAccess:    string(p.Pension.PrivateAccess),
		EmployerRate:     p.Pension.EmployerRate.At(year),
		CentralTopUp:     p.Pension.CentralTopUp.At(year),
		IndependentTopUp: p.Pension.IndependentTopUp,
		DBPremium:        p.Pension.DBPremium,
		AlternativeRate:  p.Pension.AlternativeRate,
		Barrier:          p.Mechanisms.PensionBarrier,
	}
}

// applyTransfers applies the pension rules of this year's transfers to the
// staff who moved and gives them the transfer's engagement shock
// (MODEL.md §4.5, TUPE). Regions run concurrently.
func (w *World) applyTransfers() {
	w.forEachRegion(func(r *Region) {
		pending := false
		var kind [agents.NumServices]agents.Kind
		for s := range agents.NumServices {
			pending = pending || r.pending[s]
			kind[s] = w.providers[r.holder(s)].Kind
		}
		if !pending {
			return
		}
		shock := float32(w.p.Workforce.TransferShock)
		if !w.p.Mechanisms.TUPEShock {
			shock = 0
		}
		st := &r.Staff
		for i := range st.Len() {
			s := st.Service[i]
			if !r.pending[s] {
				continue
			}
			f := st.Flags[i]
			nhs, prot := w.rules.Transfer(f&agents.FlagNHSScheme != 0, kind[s])
			st.Flags[i] = setFlag(setFlag(f, agents.FlagNHSScheme, nhs), agents.FlagProtected, prot)
			if r.shock[s] {
				st.Engagement[i] = max(0, st.Engagement[i]-shock)
			}
		}
		r.pending = [agents.NumServices]bool{}
		r.shock = [agents.NumServices]bool{}
	})
}

// applyTransferNow applies the pension rules of a transfer to the staff of
// services at once (used while building the initial state).
func (w *World) applyTransferNow(r *Region, services agents.ServiceSet, to int32) {
	kind := w.providers[to].Kind
	for i := range r.Staff.Len() {
		if !services.Has(r.Staff.Service[i]) {
			continue
		}
		f := r.Staff.Flags[i]
		nhs, prot := w.rules.Transfer(f&agents.FlagNHSScheme != 0, kind)
		r.Staff.Flags[i] = setFlag(setFlag(f, agents.FlagNHSScheme, nhs), agents.FlagProtected, prot)
	}
}
