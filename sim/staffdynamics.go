package sim

import (
	"math"

	"mutualsim/agents"
)

// staffDynamics runs phase 3 (MODEL.md §4.3): engagement moves toward its
// target, staff quit and retire, and employers recruit to their target
// headcount, where the pension barrier bites. Regions run concurrently.
func (w *World) staffDynamics() {
	mult := w.productivityMultipliers()
	w.forEachRegion(func(r *Region) { w.staffRegion(r, mult) })
}

// serviceDrivers are the per-service inputs of the staff pass: every staff
// member of a service has the same employer.
type serviceDrivers struct {
	target   float64 // engagement target before the pay effect
	benefit  float64 // staff benefit as a share of pay
	joinNHS  bool    // recruits (and non-members under open access) join the NHS scheme
	wageFact float64 // recruit wage relative to the NHS wage
	fill     float64 // probability a vacancy is filled
	// engagement a recruit starts with: the employer's target, or the
	// initial workforce's mean when engagement dynamics are off
	recruitEngagement float64
}

func (w *World) drivers(r *Region) [agents.NumServices]serviceDrivers {
	wf := w.p.Workforce
	mech := w.p.Mechanisms
	var d [agents.NumServices]serviceDrivers
	for s := range agents.NumServices {
		c := &r.Contracts[r.Cover[s]]
		hp := &w.providers[c.Holder]
		ed := agents.EngagementDrivers{Base: wf.EngagementBase}
		switch hp.Kind {
		case agents.NHS:
			ed.Voice = wf.VoiceNHS
		case agents.Mutual:
			ed.Voice = wf.VoiceMutual
		case agents.Private:
			ed.Voice = wf.VoicePrivate
		case agents.JV:
			ed.Voice = wf.VoiceJV
		}
		if !hp.Participation && hp.Kind != agents.Private {
			// Without participation practices of its own, a mutual's staff
			// have the voice they had in the NHS.
			ed.Voice = wf.VoiceNHS
		}
		if hp.EmployeeOwned() && hp.Participation {
			ed.Ownership = wf.OwnershipVoice
		}
		if mech.Pride {
			ed.Pride = wf.Pride * float64(r.pride[s])
		}
		if hp.Lost {
			ed.Insecurity = wf.Insecurity * lostContractInsecurity
		}
		if mech.Disruption {
			ed.Disruption = wf.Disruption * w.competedProb(r, c) / float64(w.p.Procurement.ContractYears)
		}
		ed.Benefit = wf.BenefitEngagement * hp.BenefitShare
		d[s].target = ed.Target()
		d[s].recruitEngagement = refEngagement
		if mech.EngagementDynamics {
			d[s].recruitEngagement = d[s].target
		}
		d[s].benefit = hp.BenefitShare
		d[s].joinNHS = w.rules.RecruitJoinsNHS(hp.Kind)
		wage := 1.0
		comp := w.p.Pension.WageCompensation
		if hp.Kind == agents.Private {
			wage = wf.PrivateWage
			comp = w.p.Pension.PrivateCompensate
		}
		if !d[s].joinNHS {
			wage *= w.rules.RecruitWageFactor(comp)
		}
		d[s].wageFact = wage
		rel := w.rules.RelativeReward(wage, 1, d[s].joinNHS, d[s].benefit)
		d[s].fill = agents.FillProbability(wf.FillRate, wf.Pool, rel, wf.RewardElasticity)
	}
	return d
}

func (w *World) staffRegion(r *Region, mult []float64) {
	rs := newStream(w.seed, w.rep, purposeStaff, int(r.ID), w.year)
	wf := w.p.Workforce
	mech := w.p.Mechanisms
	d := w.drivers(r)
	r.pride = [agents.NumServices]float32{}
	// Relative reward is wage × factor ÷ base (agents.RelativeReward), its
	// factor by service and scheme and its base by role computed once.
	var base [agents.NumRoles]float64
	for role := range agents.NumRoles {
		base[role] = w.rules.RewardBase(role.Wage() * wf.WageLevel)
	}
	var factor [agents.NumServices][2]float64
	for s := range agents.NumServices {
		factor[s] = [2]float64{w.rules.RewardFactor(false, d[s].benefit), w.rules.RewardFactor(true, d[s].benefit)}
	}
	var head [agents.NumServices]int
	quits := newQuitRule(wf.QuitBase, wf.QuitEngagement, wf.PayElasticity)
	st := &r.Staff
	n := st.Len()
	keep := 0
	for i := range n {
		s := st.Service[i]
		ds := &d[s]
		f := st.Flags[i]
		if f&agents.FlagNHSScheme == 0 && ds.joinNHS {
			f |= agents.FlagNHSScheme
		}
		e := float64(st.Engagement[i])
		scheme := 0
		if f&agents.FlagNHSScheme != 0 {
			scheme = 1
		}
		rel := float64(st.Wage[i]) * factor[s][scheme] / base[st.Role[i]]
		// Draw the same numbers for every staff member whatever the
		// mechanisms, so that scenarios compared on one seed share them.
		shock, uQuit, uRetire := rs.Norm(), rs.Float64(), rs.Float64()
		if mech.EngagementDynamics {
			target := ds.target + float64(wf.PayEngagement*(rel-1))
			e = agents.NextEngagement(e, target, wf.EngagementRate, float64(wf.EngagementNoise*shock))
		}
		age := int(st.Age[i])
		// The quit rule skips the exponentials for most draws, with the
		// same decision.
		leaves := mech.Quits && quits.decide(uQuit, e, rel)
		leaves = leaves || mech.Retirement && uRetire < agents.RetirementProbability(age, wf.RetirementAge, wf.MaxAge, wf.RetirementRate)
		if leaves {
			r.svc[s].Leavers++
			continue
		}
		if keep != i {
			st.Move(keep, i)
		}
		st.Flags[keep] = f
		st.Engagement[keep] = float32(e)
		st.Age[keep] = uint8(min(age+1, math.MaxUint8))
		st.Tenure[keep] = uint8(min(int(st.Tenure[keep])+1, math.MaxUint8))
		head[s]++
		keep++
	}
	st.Truncate(keep)
	// Recruitment to the target headcount: the staff the employer needs for
	// the workload at the productivity per head it saw this year.
	for s := range agents.NumServices {
		sv := &r.svc[s]
		sv.HeadStart = sv.Headcount
		sv.Kind = w.providers[r.holder(s)].Kind
		perHead := mult[r.holder(s)] * (1 - refAbsence)
		if sv.Headcount > 0 && sv.Labour > 0 {
			perHead = sv.Labour * mult[r.holder(s)] / float64(sv.Headcount)
		}
		// No employer hires beyond maxHeadsPerWorkload heads per staff-year
		// of work, however little each head delivers.
		target := min(agents.TargetHeadcount(r.Workload[s], perHead, 0), maxHeadsPerWorkload*r.Workload[s])
		sv.Target = target
		vac := int(math.Round(target)) - head[s]
		if vac <= 0 {
			sv.HeadEnd = head[s]
			continue
		}
		ds := &d[s]
		filled := 0
		for range vac {
			if rs.Float64() < ds.fill {
				st.Append(w.newStaffMember(rs, s, false, wf.WageLevel*ds.wageFact, ds.recruitEngagement+float64(recruitEngagementSD*rs.Norm()), ds.joinNHS))
				filled++
			}
		}
		sv.Vacancies = vac
		sv.Filled = filled
		sv.HeadEnd = head[s] + filled
	}
}

// lostContractInsecurity is the part of workforce.insecurity felt, the year
// after, by the staff of an employer that lost a contract (the lever's
// description says so; an assumption, docs/ODD.md §11).
const lostContractInsecurity = 0.5

// recruitEngagementSD is the spread of recruits' engagement around their
// employer's recruits' mean (an assumption, docs/ODD.md §11).
const recruitEngagementSD = 0.05

// maxHeadsPerWorkload bounds an employer's target headcount at three heads
// per staff-year of work: below a third of a staff-year per head a service
// has collapsed, and hiring more would only grow the workforce without end
// (an assumption, docs/ODD.md).
const maxHeadsPerWorkload = 3
