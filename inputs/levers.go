package inputs

import "strings"

// Sources cited in lever definitions.
const (
	srcJ     = "[J] Johnson, Transforming services through mutuals (c. 2014)"
	srcM     = "[M] A Mutual Health Service (Oxford MEOB, 2009)"
	srcModel = "MODEL.md"
	srcCalib = "calibrated: docs/ODD.md"
	srcAssum = "assumption: docs/ODD.md"
)

// Sections lists the lever sections in the order scenario files and
// documentation present them.
func Sections() []string {
	return []string{"pension", "procurement", "commissioners", "support", "governance", "market", "workforce", "productivity", "mechanisms"}
}

// Levers returns the definition of every lever, in section order. The slice
// is new on each call, so callers may keep or change it.
func Levers() []Lever {
	return []Lever{
		// pension: MODEL.md §4.3
		{Name: "pension.access", Kind: KindEnum, Default: string(AccessClosed), Allowed: []string{string(AccessNone), string(AccessClosed), string(AccessOpen)},
			Desc:   "NHS Pension Scheme access at mutuals and joint ventures: none (transferees get a comparable scheme), closed (transferees keep it, new recruits cannot join), open (everyone may join)",
			Source: srcM + ": Ham (\"a major barrier\"), Michie on Ham (\"a key stumbling block – indeed, a deal breaker\"); closed and open access as the 2013-2014 rules (dates not in the sources)",
			ptr:    func(p *Params) any { return &p.Pension.Access }},
		{Name: "pension.private_access", Kind: KindEnum, Default: string(AccessNone), Allowed: []string{string(AccessNone), string(AccessClosed), string(AccessOpen)},
			Desc:   "the same rule for private firms: none under Fair Deal 1999 (a broadly comparable scheme, the 2010 rule), closed from the New Fair Deal (October 2013), open with open access (April 2014)",
			Source: srcModel + " §4.3 (Fair Deal 1999; New Fair Deal 2013; open access 2014)",
			ptr:    func(p *Params) any { return &p.Pension.PrivateAccess }},
		scheduleLever("pension.employer_rate", "share of pay", Schedule{{2010, 0.14}, {2015, 0.143}, {2019, 0.206}, {2024, 0.237}}, 0, 0.6,
			"total employer contribution rate of the NHS scheme, as a path over years", srcModel+" §4.3 (NHS Pension Scheme valuations)",
			func(p *Params) *Schedule { return &p.Pension.EmployerRate }),
		scheduleLever("pension.central_topup", "share of pay", Schedule{{2010, 0}, {2019, 0.063}, {2024, 0.094}}, 0, 0.6,
			"part of the employer rate funded centrally for NHS bodies (they pay about 14.3% from 2019)", srcModel+" §4.3",
			func(p *Params) *Schedule { return &p.Pension.CentralTopUp }),
		boolLever("pension.independent_topup", false,
			"whether mutual, joint-venture and private employers of NHS-scheme members also get the central top-up", srcModel+" §4.3 (a lever)",
			func(p *Params) *bool { return &p.Pension.IndependentTopUp }),
		floatLever("pension.db_premium", "share of pay", 0.10, 0, 0.5,
			"value a candidate puts on the defined-benefit promise beyond the employer rate", srcAssum,
			func(p *Params) *float64 { return &p.Pension.DBPremium }),
		floatLever("pension.alternative_rate", "share of pay", 0.05, 0, 0.3,
			"employer contribution rate of an alternative (defined-contribution) scheme", srcModel+" §4.3 (3-6%)",
			func(p *Params) *float64 { return &p.Pension.AlternativeRate }),
		floatLever("pension.wage_compensation", "share", 0.5, 0, 1,
			"share of the pension gap a mutual or joint venture makes up in wages for recruits who cannot join the NHS scheme", srcAssum,
			func(p *Params) *float64 { return &p.Pension.WageCompensation }),
		floatLever("pension.private_compensation", "share", 0.5, 0, 1,
			"the same share for private firms", srcAssum,
			func(p *Params) *float64 { return &p.Pension.PrivateCompensate }),

		// procurement: MODEL.md §4.5
		intLever("procurement.contract_years", "years", 3, 1, 15,
			"length of a contract awarded by competition or direct award", srcM+": Wylie (\"renewal at the end of three years\")",
			func(p *Params) *int { return &p.Procurement.ContractYears }),
		floatLever("procurement.reserved_share", "share", 0, 0, 1,
			"share of eligible re-procurements run as reserved competitions for mutuals", srcJ+" (Article 77)",
			func(p *Params) *float64 { return &p.Procurement.ReservedShare }),
		intLever("procurement.reserved_max_years", "years", 3, 1, 10,
			"length of a reserved award, the longest allowed (3 under Article 77 and Regulation 77; 5 under the Procurement Act 2023, s.33)", "Directive 2014/24/EU, Article 77(3); Public Contracts Regulations 2015, reg. 77; "+srcJ+" (Article 77 itself)",
			func(p *Params) *int { return &p.Procurement.ReservedMaxYears }),
		intLever("procurement.reserved_cooldown", "years", 3, 0, 10,
			"years after the year of a reserved award (that year included) in which its winner may not win another from the same commissioner: with 3, a 3-year reserved contract cannot be renewed as reserved; 0 bars nothing", "Directive 2014/24/EU, Article 77(2)(d): none \"within the past three years\"; Public Contracts Regulations 2015, reg. 77",
			func(p *Params) *int { return &p.Procurement.ReservedCooldown }),
		boolLever("procurement.teckal", false,
			"direct award to the commissioner's own in-house NHS provider, an entity it controls (Teckal exemption)", srcJ,
			func(p *Params) *bool { return &p.Procurement.Teckal }),
		boolLever("procurement.teckal_companies", false,
			"direct award to companies wholly owned by the region's NHS bodies, the Teckal exemption used as a route out of the NHS; support.teckal_company_share sets how many proposals take it", srcJ+" (\"Some commentators advocate using the 'Teckal exemption'\")",
			func(p *Params) *bool { return &p.Procurement.TeckalCompanies }),
		floatLever("procurement.teckal_challenge", "probability", 0.15, 0, 1,
			"probability that a direct award to an NHS body's wholly owned company is challenged and the contract must be competed", srcAssum+"; direction: "+srcJ+" (a wholly owned subsidiary is \"legally difficult\")",
			func(p *Params) *float64 { return &p.Procurement.TeckalChallenge }),
		boolLever("procurement.nhs_bidders", true,
			"NHS providers may bid in competitive tenders (false: commissioners buy only from independent providers, as when Transforming Community Services made PCTs divest their provider arms)", srcModel+" §4.5",
			func(p *Params) *bool { return &p.Procurement.NHSBidders }),
		floatLever("procurement.community_social_value", "social value per unit community share", 0, 0, 1,
			"social value a commissioner credits a mutual for each unit of community share of its governors (0: community governance earns no score of its own)", srcAssum+"; "+srcM+": Mills, Rozansky",
			func(p *Params) *float64 { return &p.Procurement.CommunitySocialValue }),
		boolLever("procurement.rollover", false,
			"contracts below the open threshold may be rolled over to the incumbent without competition", srcModel+" §4.5",
			func(p *Params) *bool { return &p.Procurement.Rollover }),
		boolLever("procurement.psr", false,
			"Provider Selection Regime 2024: direct award C to an incumbent performing satisfactorily", srcModel+" §4.5",
			func(p *Params) *bool { return &p.Procurement.PSR }),
		floatLever("procurement.psr_quality_floor", "quality 0-1", 0.6, 0, 1,
			"delivered quality at or above which an incumbent counts as performing satisfactorily under the PSR", srcAssum,
			func(p *Params) *float64 { return &p.Procurement.PSRQualityFloor }),
		floatLever("procurement.open_threshold", "£m", 0.63, 0, 1e6,
			"contract value over a renewal (annual value × procurement.contract_years) above which competition is mandatory (rollover only at or below it)", srcJ+"; EU light-touch threshold €750k ≈ £0.63m (2014)",
			func(p *Params) *float64 { return &p.Procurement.OpenThreshold }),
		floatLever("procurement.price_weight", "share", 0.4, 0, 1,
			"weight of price in the tender score (price, quality and social-value weights sum to 1)", srcAssum+"; MODEL.md §4.5 names the MEAT weights",
			func(p *Params) *float64 { return &p.Procurement.PriceWeight }),
		floatLever("procurement.quality_weight", "share", 0.5, 0, 1,
			"weight of quality in the tender score (a 2023 community tender used 80% quality)", srcAssum+"; a 2023 community tender used 80% quality (MODEL.md §4.5)",
			func(p *Params) *float64 { return &p.Procurement.QualityWeight }),
		floatLever("procurement.social_value_weight", "share", 0.1, 0, 1,
			"weight of social value in the tender score", srcAssum+"; MODEL.md §4.5 names the weight",
			func(p *Params) *float64 { return &p.Procurement.SocialValueWeight }),
		intLever("procurement.lot_services", "services per lot", 1, 0, 6,
			"bundling: services per tendered lot (1 = each service alone, 0 = every service ending that year in one lot)", srcModel+" §2 (bundling favours large bidders)",
			func(p *Params) *int { return &p.Procurement.LotServices }),
		floatLever("procurement.surety", "share of annual value", 0, 0, 2,
			"surety or bond a bidder must show in reserves, as a share of the lot's annual value", srcModel+" §4.5 (CSH Surrey, £10m surety, 2011)",
			func(p *Params) *float64 { return &p.Procurement.Surety }),
		floatLever("procurement.bid_cost", "share of annual value", 0.003, 0, 0.2,
			"cost to a provider of preparing one bid that grows with the lot, as a share of its annual value (the fixed part is bid_cost_fixed)", srcModel+" §4.5 (~1% of annual value in all for a typical lot); "+srcAssum,
			func(p *Params) *float64 { return &p.Procurement.BidCost }),
		floatLever("procurement.bid_cost_fixed", "£m", 0.15, 0, 10,
			"fixed cost to a provider of preparing one bid, whatever the lot's size: why small lots draw few bidders and large ones many (Levin and Smith 1994)", srcAssum+"; MODEL.md §4.5 (~1%)",
			func(p *Params) *float64 { return &p.Procurement.BidCostFixed }),
		floatLever("procurement.tender_cost", "share of annual value", 0.02, 0, 0.2,
			"cost to the commissioner of running one competitive tender", srcModel+" §4.5 (~2%); "+srcM+": Michie",
			func(p *Params) *float64 { return &p.Procurement.TenderCost }),
		floatLever("procurement.budget_headroom", "share", 0.06, 0, 1,
			"budget above the reference cost of a service; bids above the budget are void", srcAssum,
			func(p *Params) *float64 { return &p.Procurement.BudgetHeadroom }),
		intLever("procurement.transitional_years", "years", 3, 1, 10,
			"length of the transitional award a new spin-out receives for its unit's contracts", srcAssum+"; MODEL.md §4.4 names the award",
			func(p *Params) *int { return &p.Procurement.TransitionalYears }),
		intLever("procurement.emergency_years", "years", 2, 1, 5,
			"length of an emergency award after a failure or hand-back", srcAssum,
			func(p *Params) *int { return &p.Procurement.EmergencyYears }),
		boolLever("procurement.jv_reserved_eligible", false,
			"whether joint ventures qualify for reserved competitions", srcJ+" (\"a public service mission and a level of employee ownership\"); participation as an alternative: Directive 2014/24/EU, Article 77(2)(c)",
			func(p *Params) *bool { return &p.Procurement.JVReservedEligible }),

		// commissioners: MODEL.md §2
		floatLever("commissioners.risk_aversion", "0-1", 0.5, 0, 1,
			"weight a commissioner puts on a bidder's risk (thin trading history, thin reserves) in tender scoring; NHS managers' caution over spin-outs is support.manager_risk_aversion", srcJ+" (commissioners' \"willingness to entertain innovative proposals\")",
			func(p *Params) *float64 { return &p.Commissioners.RiskAversion }),
		floatLever("commissioners.transition_risk", "0-1", 0.3, 0, 1,
			"risk a commissioner sees in moving a service to a new provider (mobilisation, TUPE, disruption), added to a challenger's risk", srcCalib+" (incumbents keep most re-tenders); direction: "+srcM+": Love",
			func(p *Params) *float64 { return &p.Commissioners.TransitionRisk }),
		floatLever("commissioners.awareness", "0-1", 0.2, 0, 1,
			"commissioners' awareness of mutual models at the start; lowers the risk they see in a mutual", srcJ+" (Commissioning Academy)",
			func(p *Params) *float64 { return &p.Commissioners.Awareness }),
		floatLever("commissioners.awareness_programme", "per year", 0, 0, 1,
			"yearly rise in awareness from an awareness-raising programme", srcJ,
			func(p *Params) *float64 { return &p.Commissioners.AwarenessProgramme }),
		intLever("commissioners.capacity", "tenders a year", 6, 0, 1000,
			"competitive tenders a commissioner can run in a year; the rest are extended for a year", srcAssum+"; MODEL.md §2 names the capacity",
			func(p *Params) *int { return &p.Commissioners.Capacity }),
		floatLever("commissioners.public_participation", "0-1", 0.2, 0, 1,
			"public participation in commissioning decisions; adds weight to social value", srcM+": Rozansky",
			func(p *Params) *float64 { return &p.Commissioners.PublicParticipation }),

		// support: MODEL.md §4.4
		boolLever("support.right_to_provide", false,
			"staff have the right to propose a spin-out (2011 \"right to provide\")", srcJ,
			func(p *Params) *bool { return &p.Support.RightToProvide }),
		floatLever("support.spinout_rate", "per unit per year", 0.01, 0, 1,
			"yearly probability that an average NHS service unit proposes a spin-out without the right to provide", srcCalib+" (no right to provide: about one spin-out a year at England's scale)",
			func(p *Params) *float64 { return &p.Support.SpinoutRate }),
		floatLever("support.right_to_provide_multiplier", "times", 20, 1, 100,
			"how many times more often units propose when the right to provide is on", srcAssum+" for the default, the strong push of right-to-provide; policy-path-2010-2015 sets 7 in 2010 and 2 from 2012, calibrated to examples/calibration-2014-2018.yaml",
			func(p *Params) *float64 { return &p.Support.RightToProvideMult }),
		floatLever("support.arm_proposal_rate", "per provider arm per year", 0.002, 0, 1,
			"yearly probability that a region's whole NHS provider arm proposes to spin out, without the right to provide", srcCalib+"; "+srcJ+" (\"a handful of large scale employee led spin-outs by the provider arms of primary care trusts\")",
			func(p *Params) *float64 { return &p.Support.ArmProposalRate }),
		floatLever("support.arm_skills", "0-1", 0.2, 0, 1,
			"business skill a whole provider arm's management team adds to a proposal", srcAssum+"; "+srcJ+" (skills \"may be lacking in teams of public sector employees\")",
			func(p *Params) *float64 { return &p.Support.ArmSkills }),
		floatLever("support.manager_risk_aversion", "0-1", 0.5, 0, 1,
			"NHS senior managers' aversion to the risk of a spin-out: they refuse 0.7 × this share of proposals (gate 2)", srcJ+" (\"senior managers are often quick to pour cold water\")",
			func(p *Params) *float64 { return &p.Support.ManagerRiskAversion }),
		floatLever("support.startup_grant", "£m", 0, 0, 100,
			"start-up grant given to a proposal (to a share support.grant_share of them); it narrows the capital gap by its whole amount", srcJ+" (\"cash grants ... very hard to find\")",
			func(p *Params) *float64 { return &p.Support.StartupGrant }),
		floatLever("support.grant_share", "share", 1, 0, 1,
			"share of proposals that receive the start-up grant (when there is one)", srcJ,
			func(p *Params) *float64 { return &p.Support.GrantShare }),
		floatLever("support.business_support", "0-1", 0, 0, 1,
			"business support and training for proposal teams (Mutuals Support Programme)", srcJ,
			func(p *Params) *float64 { return &p.Support.BusinessSupport }),
		boolLever("support.protected_time", false,
			"proposal teams get protected time away from their day jobs", srcJ+" (\"simply will not work\" without it)",
			func(p *Params) *bool { return &p.Support.ProtectedTime }),
		intLever("support.loan_history_years", "years", 3, 0, 20,
			"trading history lenders require before lending to a new mutual", srcJ,
			func(p *Params) *int { return &p.Support.LoanHistoryYears }),
		floatLever("support.guaranteed_contract", "£m", 5, 0, 10000,
			"guaranteed contract value (annual value × transitional years) that lets a lender waive the history rule", srcJ+" (\"several million pounds\")",
			func(p *Params) *float64 { return &p.Support.GuaranteedContract }),
		floatLever("support.loan_share", "share of guaranteed value", 0.018, 0, 1,
			"share of the guaranteed contract's value that lenders will lend against it (a surplus margin of 2-3% repaid with cover of 1.25-1.5)", srcCalib+" (the finance gate stops at least 1 proposal in 20 under right-to-provide); "+srcJ+" (lending needs \"a guaranteed contract worth several million pounds\")",
			func(p *Params) *float64 { return &p.Support.LoanShare }),
		floatLever("support.social_investment", "£m", 0, 0, 100,
			"social-investment loan a proposal can add, from lenders who apply the same history and guaranteed-contract criteria", srcJ+" (\"lending programmes targeted at the social enterprise sector\")",
			func(p *Params) *float64 { return &p.Support.SocialInvestment }),
		floatLever("support.startup_cost", "£m", 0.25, 0, 100,
			"fixed start-up cost of a spin-out (legal, advisory, systems); support.startup_cost_share adds a part that grows with the unit", srcAssum,
			func(p *Params) *float64 { return &p.Support.StartupCost }),
		floatLever("support.startup_cost_share", "share of annual value", 0.01, 0, 1,
			"start-up cost that grows with the unit, as a share of its annual value; working capital comes from a facility secured on the contract", srcAssum,
			func(p *Params) *float64 { return &p.Support.StartupCostShare }),
		floatLever("support.business_skills", "0-1", 0.45, 0, 1,
			"mean business-planning skill of a proposal team without support", srcAssum+"; direction: "+srcJ+" (skills \"may be lacking\")",
			func(p *Params) *float64 { return &p.Support.BusinessSkills }),
		floatLever("support.legal_risk_max", "probability", 0.5, 0, 1,
			"largest probability that a transfer is stopped by legal challenge", srcAssum+"; direction: "+srcJ+" (NHS Gloucestershire abandoned a 3,000-staff transfer, 2012)",
			func(p *Params) *float64 { return &p.Support.LegalRiskMax }),
		floatLever("support.legal_risk_staff", "staff", 3000, 1, 1e7,
			"transfer size at which the legal-challenge probability is half its maximum", srcAssum+"; "+srcJ+" (the Gloucestershire transfer was of 3,000 staff)",
			func(p *Params) *float64 { return &p.Support.LegalRiskStaff }),

		floatLever("support.jv_share", "share", 0.1, 0, 1,
			"share of proposals that take a private partner and form a joint venture, which brings business skills and finance", srcAssum+"; "+srcJ+" (joint ventures, \"the best of both worlds\")",
			func(p *Params) *float64 { return &p.Support.JVShare }),
		floatLever("support.teckal_company_share", "share", 0, 0, 1,
			"where procurement.teckal_companies allows direct awards to them, share of proposals the NHS body takes into a wholly owned company instead of an independent mutual", srcJ+" (a wholly owned subsidiary of an NHS body is \"an artificial device\")",
			func(p *Params) *float64 { return &p.Support.TeckalCompanyShare }),
		floatLever("support.demonstration", "lift at full visibility", 1.0, 0, 20,
			"demonstration effect: at full visibility of successful mutuals a unit proposes 1 + this times as often, and its staff add this many log-odds to a yes vote", srcAssum+"; "+srcJ+" (\"a lack of well publicised shining examples\")",
			func(p *Params) *float64 { return &p.Support.Demonstration }),
		floatLever("support.demonstration_fade", "years", 3, 0.1, 100,
			"years over which a successful mutual's example fades by half", srcAssum,
			func(p *Params) *float64 { return &p.Support.DemonstrationFade }),
		intLever("support.success_years", "years", 3, 1, 20,
			"years a mutual must trade, solvent, before staff elsewhere count it a success", srcAssum+" (a transitional award and a first re-tender)",
			func(p *Params) *int { return &p.Support.SuccessYears }),

		// governance: MODEL.md §2, §4.2
		floatLever("governance.staff_control", "0-1", 0.6, 0, 1,
			"staff control of a new mutual's board", srcAssum+"; direction: "+srcM+": Ham, Mason",
			func(p *Params) *float64 { return &p.Governance.StaffControl }),
		floatLever("governance.community_share", "0-1", 0.15, 0, 1,
			"community share of a new mutual's governors (Your Healthcare: 9 of 17)", srcAssum+" for staff-led mutuals; Your Healthcare had 9 community governors of 17 (0.53): "+srcM+": Mills",
			func(p *Params) *float64 { return &p.Governance.CommunityShare }),
		boolLever("governance.asset_lock", false,
			"new mutuals have an asset lock and can never be sold for private gain", srcM+": Mason; "+srcJ+" (\"Trojan horse\")",
			func(p *Params) *bool { return &p.Governance.AssetLock }),
		floatLever("governance.bonus_cap", "share of revenue", 0.03, 0, 0.5,
			"cap on a mutual's yearly staff benefit", srcAssum+"; direction: "+srcM+": Michie (pay-outs within the bounds of rewarding performance)",
			func(p *Params) *float64 { return &p.Governance.BonusCap }),
		floatLever("governance.capture_max", "share of surplus", 0.5, 0, 1,
			"largest share of a surplus (after reserves) that fully staff-controlled, uncontested mutuals give to staff", srcAssum+"; MODEL.md §4.2 gives the formula",
			func(p *Params) *float64 { return &p.Governance.CaptureMax }),
		boolLever("governance.participation", true,
			"staff of new mutuals have participation (voice), without which ownership gives no productivity effect", srcM+": Ham",
			func(p *Params) *bool { return &p.Governance.Participation }),
		floatLever("governance.nhs_capture", "0-1", 0.5, 0, 1,
			"capture propensity of an NHS in-house provider (the unchallenged incumbent)", srcAssum+"; direction: "+srcM+": Mason (\"the absence of competition will lead to producer capture\"); Hunt's \"producer captured completely\" is said of GP co-ops, not of NHS providers",
			func(p *Params) *float64 { return &p.Governance.NHSCapture }),
		floatLever("governance.private_capture", "0-1", 0.1, 0, 1,
			"capture propensity of a private firm, whose investors press on costs", srcAssum,
			func(p *Params) *float64 { return &p.Governance.PrivateCapture }),
		floatLever("governance.slack_growth", "share of cost a year", 0.012, 0, 0.2,
			"yearly growth of slack for a fully capturable provider facing no contest", srcCalib+" (capture index ~0.5% under competition; without it 7.5% by 2020, 11.7% by 2029: mutualsim compare no-competition)",
			func(p *Params) *float64 { return &p.Governance.SlackGrowth }),
		floatLever("governance.slack_decay", "share a year", 0.5, 0, 1,
			"share of slack competed away each year under full contestability", srcCalib+" (capture index ~0.5% under competition; without it 7.5% by 2020, 11.7% by 2029: mutualsim compare no-competition)",
			func(p *Params) *float64 { return &p.Governance.SlackDecay }),
		floatLever("governance.slack_max", "share of cost", 0.25, 0, 1,
			"largest slack a provider can accumulate", srcAssum,
			func(p *Params) *float64 { return &p.Governance.SlackMax }),
		floatLever("governance.reserve_target", "share of revenue", 0.08, 0, 1,
			"prudent reserve a mutual builds before sharing a surplus", srcAssum+"; direction: "+srcM+": Mills (\"financial prudence\")",
			func(p *Params) *float64 { return &p.Governance.ReserveTarget }),

		// market: MODEL.md §4.2, §4.5, §4.6
		floatLever("market.private_entry_rate", "firms per 10 regions a year", 0.5, 0, 20,
			"new private firms entering when recent private wins were profitable (at a margin of twice the hurdle)", srcAssum+"; MODEL.md §4.6 names the mechanism",
			func(p *Params) *float64 { return &p.Market.PrivateEntryRate }),
		floatLever("market.entry_hurdle", "margin", 0.03, 0, 1,
			"margin on recent private wins below which no firm enters", srcAssum,
			func(p *Params) *float64 { return &p.Market.EntryHurdle }),
		boolLever("market.acquisitions", true,
			"private firms may acquire distressed providers and mutuals without an asset lock", srcModel+" §4.6",
			func(p *Params) *bool { return &p.Market.Acquisitions }),
		floatLever("market.demutualisation_rate", "per year", 0.02, 0, 1,
			"yearly probability that a mutual without an asset lock is sold to a private firm", srcAssum+"; direction: "+srcM+": Mason (a sale \"for private gain\" of a business \"set up to be partly mutually owned\" is \"a kind of theft\"); [J]'s \"Trojan horse\" is said of joint ventures",
			func(p *Params) *float64 { return &p.Market.DemutualisationP }),
		floatLever("market.distress_acquisition", "per year", 0.25, 0, 1,
			"yearly probability that a distressed independent provider is bought by a private firm", srcAssum,
			func(p *Params) *float64 { return &p.Market.DistressAcquireP }),
		floatLever("market.dividend_share", "share of surplus", 0.7, 0, 1,
			"share of a private firm's surplus paid to investors", srcModel+" §4.2 (60-80%); "+srcM+": Mills",
			func(p *Params) *float64 { return &p.Market.DividendShare }),
		floatLever("market.jv_investor_share", "share of surplus", 0.3, 0, 1,
			"share of a joint venture's surplus paid to its private partner", srcJ+" (joint ventures)",
			func(p *Params) *float64 { return &p.Market.JVInvestorShare }),
		floatLever("market.private_margin", "share of cost", 0.04, 0, 1,
			"minimum investor margin in a private bid", srcAssum+"; direction: "+srcM+": Mills (prices carry a margin for investors)",
			func(p *Params) *float64 { return &p.Market.PrivateMargin }),
		floatLever("market.mutual_prudence", "share of cost", 0.02, 0, 1,
			"prudence margin in a mutual's bid (no investor return)", srcAssum+"; direction: "+srcM+": Mills",
			func(p *Params) *float64 { return &p.Market.MutualPrudence }),
		floatLever("market.cost_spread", "share of reference cost", 0.15, 0.001, 1,
			"half-width of the uniform spread of rivals' costs, around the reference cost, that bidders believe before they have seen any bids", srcAssum+"; MODEL.md §4.5 names the belief",
			func(p *Params) *float64 { return &p.Market.CostSpread }),
		floatLever("market.estimate_error", "share of cost", 0.04, 0, 1,
			"standard deviation of a non-incumbent's error in estimating its cost", srcAssum,
			func(p *Params) *float64 { return &p.Market.EstimateError }),
		floatLever("market.failure_floor", "share of revenue", -0.1, -1, 1,
			"reserves below which an independent provider is in distress; two years in distress and it fails", srcAssum+"; MODEL.md §4.6 names the floor",
			func(p *Params) *float64 { return &p.Market.FailureFloor }),
		floatLever("market.org_overhead", "£m a year", 0.2, 0, 100,
			"fixed overhead of running an organisation", srcAssum+"; MODEL.md §4.1 names the overhead",
			func(p *Params) *float64 { return &p.Market.OrgOverhead }),
		floatLever("market.contract_overhead", "share of labour cost", 0.08, 0, 1,
			"overhead of running a contract", srcAssum+"; MODEL.md §4.1 names the overhead",
			func(p *Params) *float64 { return &p.Market.ContractOverhead }),
		floatLever("market.scale_economies", "elasticity", 0.15, 0, 1,
			"fall in a private firm's contract overhead with the number of contracts it holds (overhead × n^-e)", srcAssum+"; MODEL.md §4.1 names the economies",
			func(p *Params) *float64 { return &p.Market.ScaleEconomies }),
		floatLever("market.handback_overhead", "share of revenue", 0.08, 0, 1,
			"organisation overhead, as a share of remaining revenue, above which a provider that lost its core contract hands the rest back", srcAssum+"; MODEL.md §4.6 (Bristol Community Health, 2019)",
			func(p *Params) *float64 { return &p.Market.HandbackOverhead }),
		floatLever("market.entrant_bid_rate", "probability", 0.3, 0, 1,
			"probability that a new firm is among the potential bidders for an open lot; it then enters like any challenger", srcCalib+" (about three bids locally)",
			func(p *Params) *float64 { return &p.Market.EntrantBidRate }),
		floatLever("market.national_lines", "share of services", 0.5, 0, 1,
			"share of the services a national firm delivers, and so bids for", srcAssum+"; "+srcM+": Wylie (\"from the big boys of Serco to other social enterprises\")",
			func(p *Params) *float64 { return &p.Market.NationalLines }),
		floatLever("market.local_lines", "share of services", 0.3, 0, 1,
			"share of the services a local private firm delivers (at least one)", srcAssum,
			func(p *Params) *float64 { return &p.Market.LocalLines }),
		floatLever("market.reach_value", "£m a year", 20, 0, 1e5,
			"lot value for each ring of regions beyond the neighbours from which providers consider bidding (0: neighbours only)", srcAssum+"; "+srcM+": Wylie (16 bidders for one renewal)",
			func(p *Params) *float64 { return &p.Market.ReachValue }),
		floatLever("market.belief_learning", "share a year", 0.5, 0, 1,
			"share of the gap that bidders' belief about rivals' costs closes each year toward the costs of the year's bids", srcAssum+"; MODEL.md §4.5 names the belief",
			func(p *Params) *float64 { return &p.Market.BeliefLearning }),
		floatLever("market.jv_buyout_rate", "per year", 0.05, 0, 1,
			"yearly probability that a joint venture's private partner buys out the staff's stake", srcAssum+"; direction: "+srcJ+" (critics call joint ventures \"a Trojan horse for privatisation\")",
			func(p *Params) *float64 { return &p.Market.JVBuyoutRate }),

		// workforce: MODEL.md §4.3
		floatLever("workforce.engagement_base", "0-1", 0.56, 0, 1,
			"engagement target before the effects of voice, ownership, events and pay", srcCalib+" (NHS engagement steady at 0.6)",
			func(p *Params) *float64 { return &p.Workforce.EngagementBase }),
		floatLever("workforce.voice_nhs", "engagement", 0.06, -1, 1,
			"engagement from participation practices in NHS providers", srcCalib+" (engagement channel of the ownership effect); direction: "+srcM+": Ham",
			func(p *Params) *float64 { return &p.Workforce.VoiceNHS }),
		floatLever("workforce.voice_mutual", "engagement", 0.12, -1, 1,
			"engagement from participation practices in mutuals", srcCalib+" (engagement channel of the ownership effect); direction: "+srcM+": Ham",
			func(p *Params) *float64 { return &p.Workforce.VoiceMutual }),
		floatLever("workforce.voice_private", "engagement", 0.0, -1, 1,
			"engagement from participation practices in private firms", srcCalib+" (engagement channel of the ownership effect); direction: "+srcM+": Ham",
			func(p *Params) *float64 { return &p.Workforce.VoicePrivate }),
		floatLever("workforce.voice_jv", "engagement", 0.08, -1, 1,
			"engagement from participation practices in joint ventures", srcAssum,
			func(p *Params) *float64 { return &p.Workforce.VoiceJV }),
		floatLever("workforce.ownership_voice", "engagement", 0.05, -1, 1,
			"extra engagement where staff own the provider and have a voice", srcCalib+" (engagement channel of the ownership effect); direction: "+srcM+": Ham (psychological ownership)",
			func(p *Params) *float64 { return &p.Workforce.OwnershipVoice }),
		floatLever("workforce.pride", "engagement", 0.06, 0, 1,
			"largest engagement lift for staff who keep their service in a contested tender, reached as rivals multiply", srcAssum+"; direction: "+srcM+": Wylie (\"galvanises your staff\")",
			func(p *Params) *float64 { return &p.Workforce.Pride }),
		floatLever("workforce.pride_rivals", "rivals", 3, 0.1, 100,
			"rivals at which staff who kept their service get half the full pride lift; the lift grows with the number of rivals", srcAssum+"; "+srcM+": Wylie (16 bidders \"galvanises your staff\")",
			func(p *Params) *float64 { return &p.Workforce.PrideRivals }),
		floatLever("workforce.insecurity", "engagement", 0.10, 0, 1,
			"engagement drop, the year after, for staff whose employer lost a contract (half this); transfers have their own shock", srcAssum+"; MODEL.md §4.3 names the effect",
			func(p *Params) *float64 { return &p.Workforce.Insecurity }),
		floatLever("workforce.transfer_shock", "engagement", 0.10, 0, 1,
			"engagement drop of staff transferred to a new employer by a tender, failure or hand-back (TUPE)", srcAssum+"; MODEL.md §4.5 names the shock",
			func(p *Params) *float64 { return &p.Workforce.TransferShock }),
		floatLever("workforce.disruption", "engagement", 0.06, 0, 1,
			"engagement drop per competitive re-tender a year (frequent re-tendering stops culture change)", srcAssum+"; direction: "+srcM+": Love",
			func(p *Params) *float64 { return &p.Workforce.Disruption }),
		floatLever("workforce.benefit_engagement", "engagement per share of pay", 1.0, 0, 20,
			"engagement lift per unit of staff benefit as a share of pay (the John Lewis bonus)", srcAssum+"; direction: "+srcM+": Ham (the John Lewis bonus)",
			func(p *Params) *float64 { return &p.Workforce.BenefitEngagement }),
		floatLever("workforce.pay_engagement", "engagement per relative reward", 0.5, 0, 10,
			"engagement change per unit of total reward relative to the NHS reference", srcAssum,
			func(p *Params) *float64 { return &p.Workforce.PayEngagement }),
		floatLever("workforce.engagement_rate", "share a year", 0.35, 0, 1,
			"share of the gap to its target that engagement closes in a year", srcAssum,
			func(p *Params) *float64 { return &p.Workforce.EngagementRate }),
		floatLever("workforce.engagement_noise", "sd", 0.04, 0, 1,
			"standard deviation of individual yearly engagement shocks", srcAssum,
			func(p *Params) *float64 { return &p.Workforce.EngagementNoise }),
		floatLever("workforce.absence_base", "share of time", 0.07, 0, 0.5,
			"sickness absence at zero engagement (absence = base × propensity × (1 − k × engagement))", srcCalib+" (NHS absence 4-5%)",
			func(p *Params) *float64 { return &p.Workforce.AbsenceBase }),
		floatLever("workforce.absence_engagement", "k", 0.6, 0, 1,
			"how much engagement lowers absence", srcAssum+"; direction: "+srcM+": Ham (lower absence with ownership)",
			func(p *Params) *float64 { return &p.Workforce.AbsenceEngagement }),
		floatLever("workforce.quit_base", "per year", 0.31, 0, 1,
			"quit probability at zero engagement and NHS-level reward", srcCalib+" (NHS leaver rate 10-12% every year)",
			func(p *Params) *float64 { return &p.Workforce.QuitBase }),
		floatLever("workforce.quit_engagement", "k", 2.0, 0, 20,
			"how steeply engagement lowers quitting (quit = base × exp(−k × engagement))", srcAssum+"; direction: "+srcM+": Ham (lower turnover)",
			func(p *Params) *float64 { return &p.Workforce.QuitEngagement }),
		floatLever("workforce.pay_elasticity", "elasticity", 2.0, 0, 20,
			"elasticity of quitting to total reward relative to the NHS reference", srcAssum,
			func(p *Params) *float64 { return &p.Workforce.PayElasticity }),
		intLever("workforce.retirement_age", "years", 60, 40, 80,
			"age from which staff may retire", srcAssum+" (NHS 1995 section normal pension age 60)",
			func(p *Params) *int { return &p.Workforce.RetirementAge }),
		floatLever("workforce.retirement_rate", "per year", 0.2, 0, 1,
			"yearly retirement probability at or above the retirement age", srcCalib+" (NHS leaver rate 10-12%)",
			func(p *Params) *float64 { return &p.Workforce.RetirementRate }),
		intLever("workforce.max_age", "years", 68, 41, 90,
			"age at which every remaining staff member retires", srcAssum,
			func(p *Params) *int { return &p.Workforce.MaxAge }),
		floatLever("workforce.fill_rate", "per vacancy a year", 0.6, 0, 1,
			"probability that a vacancy offering NHS-level total reward is filled within the year", srcCalib+" (NHS vacancy rate ~6-8%)",
			func(p *Params) *float64 { return &p.Workforce.FillRate }),
		floatLever("workforce.reward_elasticity", "elasticity", 2.5, 0, 50,
			"elasticity of the fill probability to total reward relative to the NHS reference", srcAssum,
			func(p *Params) *float64 { return &p.Workforce.RewardElasticity }),
		floatLever("workforce.pool", "multiplier", 1, 0, 10,
			"labour pool size relative to normal (scales the fill probability)", srcModel+" §5",
			func(p *Params) *float64 { return &p.Workforce.Pool }),
		floatLever("workforce.wage_level", "multiplier", 1, 0.1, 10,
			"NHS wage level relative to Agenda for Change 2010", srcModel+" §5",
			func(p *Params) *float64 { return &p.Workforce.WageLevel }),
		floatLever("workforce.private_wage", "multiplier", 0.98, 0.1, 10,
			"wage private firms offer recruits relative to the NHS", srcAssum,
			func(p *Params) *float64 { return &p.Workforce.PrivateWage }),
		floatLever("workforce.union_density", "share", 0.4, 0, 1,
			"share of staff who are union members", srcAssum+" (NHS union density ~40%)",
			func(p *Params) *float64 { return &p.Workforce.UnionDensity }),
		floatLever("workforce.union_opposition", "log-odds", 1.0, -10, 10,
			"union stance against spin-outs: lowers members' log-odds of voting yes", srcAssum+"; direction: "+srcJ+" (winning hearts and minds, trade unions)",
			func(p *Params) *float64 { return &p.Workforce.UnionOpposition }),
		floatLever("workforce.union_litigation", "times", 1, 0, 10,
			"how readily trade unions back a legal challenge to a transfer out of the NHS, relative to the default: it scales their backing (union share × opposition) at gate 5", srcAssum+" (that unions back challenges: [J] names the Gloucestershire judicial review beside the difficulty of gaining trade unions' support, not who brought it)",
			func(p *Params) *float64 { return &p.Workforce.UnionLitigation }),
		floatLever("workforce.agency_cover", "share", 0.7, 0, 1,
			"share of a staffing gap covered by agency staff; the rest is a vacancy that lowers quality", srcAssum+"; MODEL.md §4.1 names the choice",
			func(p *Params) *float64 { return &p.Workforce.AgencyCover }),
		floatLever("workforce.agency_premium", "share of wage", 0.5, 0, 5,
			"agency cost above the employed wage", srcModel+" §4.1 (+50%)",
			func(p *Params) *float64 { return &p.Workforce.AgencyPremium }),
		floatLever("workforce.employer_oncost", "share of pay", 0.10, 0, 1,
			"employer national insurance and other on-costs", srcAssum,
			func(p *Params) *float64 { return &p.Workforce.EmployerOnCost }),
		floatLever("workforce.ballot_autonomy", "log-odds", 1.1, -10, 10,
			"log-odds a staff member adds for autonomy and ownership when voting on a spin-out", srcCalib+" (2014 path); direction: "+srcM+": Ham",
			func(p *Params) *float64 { return &p.Workforce.BallotAutonomy }),
		floatLever("workforce.ballot_pension_none", "log-odds", 2.5, 0, 20,
			"log-odds a member of the NHS scheme loses if transferees would lose it (access none)", srcAssum+"; losing one's own NHS pension weighs more than the closed-access \"deal breaker\" of "+srcM+": Michie",
			func(p *Params) *float64 { return &p.Workforce.BallotPensionNone }),
		floatLever("workforce.ballot_pension_closed", "log-odds", 0.6, 0, 20,
			"log-odds lost when transferees keep the NHS scheme but new recruits cannot join (access closed)", srcAssum+"; direction: "+srcM+": Michie, on Ham (protected transferees but not new recruits: \"a deal breaker\")",
			func(p *Params) *float64 { return &p.Workforce.BallotPensionClose }),

		// productivity: MODEL.md §4.1
		floatLever("productivity.ownership_effect", "share", 0.025, -0.5, 0.5,
			"direct productivity effect of employee ownership with participation (the engagement channel adds to it; total 4-5%)", srcCalib+" (total effect 4-5% with the engagement channel: "+srcM+": Ham, \"four to five per cent\")",
			func(p *Params) *float64 { return &p.Productivity.OwnershipEffect }),
		floatLever("productivity.engagement_effect", "per unit engagement", 0.2, 0, 2,
			"productivity change per unit of engagement above the reference", srcAssum,
			func(p *Params) *float64 { return &p.Productivity.EngagementEffect }),
		floatLever("productivity.efficiency_sd", "log sd", 0.06, 0, 1,
			"spread of providers' idiosyncratic cost efficiency (lognormal around 1)", srcAssum+"; MODEL.md §2 (lognormal around 1)",
			func(p *Params) *float64 { return &p.Productivity.EfficiencySD }),
		floatLever("productivity.quality_engagement", "per unit engagement", 0.6, 0, 5,
			"quality change per unit of engagement above the reference (patient experience follows staff experience)", srcAssum+"; direction: "+srcM+": Ham (patient experience follows staff experience)",
			func(p *Params) *float64 { return &p.Productivity.QualityEngagement }),
		floatLever("productivity.quality_investment", "per unit stock", 0.3, 0, 5,
			"quality gain per unit of quality-investment stock", srcAssum,
			func(p *Params) *float64 { return &p.Productivity.QualityInvestment }),
		floatLever("productivity.quality_depreciation", "share a year", 0.25, 0, 1,
			"yearly depreciation of the quality-investment stock", srcAssum,
			func(p *Params) *float64 { return &p.Productivity.QualityDepreciate }),
		floatLever("productivity.quality_staffing", "elasticity", 0.8, 0, 5,
			"elasticity of quality to the staffing level", srcAssum,
			func(p *Params) *float64 { return &p.Productivity.QualityStaffing }),
		floatLever("productivity.investment_yield", "stock per share of revenue", 1, 0, 100,
			"quality stock added per unit of investment as a share of revenue", srcAssum+" (lowered from 4, at which 1% of revenue invested bought 5% more quality)",
			func(p *Params) *float64 { return &p.Productivity.InvestmentYield }),
		floatLever("productivity.capability_mean", "quality 0-1", 0.72, 0, 1,
			"mean quality capability of a provider", srcAssum,
			func(p *Params) *float64 { return &p.Productivity.CapabilityMean }),
		floatLever("productivity.private_efficiency", "multiplier", 1.0, 0.1, 10,
			"mean cost efficiency of private firms relative to the NHS (above 1 is more costly)", srcAssum,
			func(p *Params) *float64 { return &p.Productivity.PrivateEfficiency }),
		floatLever("productivity.mutual_efficiency", "multiplier", 1.0, 0.1, 10,
			"mean cost efficiency of a spin-out relative to its parent", srcAssum,
			func(p *Params) *float64 { return &p.Productivity.MutualEfficiency }),
		floatLever("productivity.satisfactory_margin", "quality", 0.05, 0, 1,
			"quality shortfall below the promise that a commissioner tolerates before it sees an incumbent as failing", srcAssum,
			func(p *Params) *float64 { return &p.Productivity.SatisfactoryMargin }),

		// mechanisms: MODEL.md §4, each switchable for ablation
		mechanism("ownership_effect", "§4.1", "employee ownership with participation raises productivity", func(p *Params) *bool { return &p.Mechanisms.OwnershipEffect }),
		mechanism("engagement_productivity", "§4.1", "engagement raises productivity", func(p *Params) *bool { return &p.Mechanisms.EngagementProductivity }),
		mechanism("agency_cover", "§4.1", "staffing gaps are covered by agency staff at a premium", func(p *Params) *bool { return &p.Mechanisms.AgencyCover }),
		mechanism("scale_economies", "§4.1", "private firms' contract overhead falls as they hold more contracts", func(p *Params) *bool { return &p.Mechanisms.ScaleEconomies }),
		mechanism("producer_capture", "§4.2", "staff-controlled and unchallenged providers accrue slack and pay staff benefit", func(p *Params) *bool { return &p.Mechanisms.ProducerCapture }),
		mechanism("contestability", "§4.2", "the threat of losing contracts curbs capture", func(p *Params) *bool { return &p.Mechanisms.Contestability }),
		mechanism("investor_extraction", "§4.2", "private firms and joint ventures pay dividends to investors", func(p *Params) *bool { return &p.Mechanisms.InvestorExtraction }),
		mechanism("asset_lock", "§4.2", "mutuals with an asset lock cannot be sold", func(p *Params) *bool { return &p.Mechanisms.AssetLock }),
		mechanism("engagement_dynamics", "§4.3", "engagement moves toward a target set by voice, ownership, events and pay", func(p *Params) *bool { return &p.Mechanisms.EngagementDynamics }),
		mechanism("absence", "§4.3", "staff are absent part of the time", func(p *Params) *bool { return &p.Mechanisms.Absence }),
		mechanism("quits", "§4.3", "staff quit", func(p *Params) *bool { return &p.Mechanisms.Quits }),
		mechanism("retirement", "§4.3", "staff retire", func(p *Params) *bool { return &p.Mechanisms.Retirement }),
		mechanism("pension_barrier", "§4.3", "pension access rules change total reward, recruitment and ballots", func(p *Params) *bool { return &p.Mechanisms.PensionBarrier }),
		mechanism("spinouts", "§4.4", "NHS service units propose and form mutuals", func(p *Params) *bool { return &p.Mechanisms.Spinouts }),
		mechanism("arm_spinouts", "§4.4", "whole NHS provider arms propose to spin out, as well as single services", func(p *Params) *bool { return &p.Mechanisms.ArmSpinouts }),
		mechanism("manager_caution", "§4.4", "NHS senior managers refuse proposals in proportion to their risk aversion (gate 2)", func(p *Params) *bool { return &p.Mechanisms.ManagerCaution }),
		mechanism("finance_gate", "§4.4", "proposals that cannot raise their start-up capital fail (gate 4)", func(p *Params) *bool { return &p.Mechanisms.FinanceGate }),
		mechanism("union_backing", "§4.4", "trade-union opposition backs legal challenges to large transfers (gate 5)", func(p *Params) *bool { return &p.Mechanisms.UnionBacking }),
		mechanism("demonstration", "§4.4", "successful mutuals raise proposals and yes-votes among staff who can see them", func(p *Params) *bool { return &p.Mechanisms.Demonstration }),
		mechanism("awareness", "§4.4, §4.5", "commissioners' awareness lowers the risk they see in mutuals and raises proposals", func(p *Params) *bool { return &p.Mechanisms.Awareness }),
		mechanism("tendering", "§4.5", "contracts are re-procured when they end (off: every contract rolls over)", func(p *Params) *bool { return &p.Mechanisms.Tendering }),
		mechanism("bidder_entry", "§4.5", "new firms bid for lots", func(p *Params) *bool { return &p.Mechanisms.BidderEntry }),
		mechanism("bid_shading", "§4.5", "private firms shade bids above cost (first-price equilibrium)", func(p *Params) *bool { return &p.Mechanisms.BidShading }),
		mechanism("entry_equilibrium", "§4.5", "challengers bid when their expected rent covers the cost of bidding (off: every potential challenger bids)", func(p *Params) *bool { return &p.Mechanisms.EntryEquilibrium }),
		mechanism("learned_beliefs", "§4.5", "bidders learn the spread of rivals' costs from the bids they see (off: they keep their prior)", func(p *Params) *bool { return &p.Mechanisms.LearnedBeliefs }),
		mechanism("winners_curse", "§4.5", "challengers raise noisy cost estimates for the winner's curse", func(p *Params) *bool { return &p.Mechanisms.WinnersCurse }),
		mechanism("teckal_challenge", "§4.5", "direct awards to NHS bodies' wholly owned companies may be challenged and competed", func(p *Params) *bool { return &p.Mechanisms.TeckalChallenge }),
		mechanism("mutual_prudence", "§4.5", "mutuals price with a prudence margin", func(p *Params) *bool { return &p.Mechanisms.MutualPrudence }),
		mechanism("risk_scoring", "§4.5", "commissioners penalise bidders with thin history or reserves", func(p *Params) *bool { return &p.Mechanisms.RiskScoring }),
		mechanism("sureties", "§4.5", "bidders must show a surety", func(p *Params) *bool { return &p.Mechanisms.Sureties }),
		mechanism("tupe_shock", "§4.5", "transferred staff suffer an engagement shock", func(p *Params) *bool { return &p.Mechanisms.TUPEShock }),
		mechanism("disruption", "§4.3", "frequent re-tendering lowers engagement [M: Love]", func(p *Params) *bool { return &p.Mechanisms.Disruption }),
		mechanism("quality_investment", "§4.1", "surplus invested in quality builds a stock that raises delivered quality", func(p *Params) *bool { return &p.Mechanisms.QualityInvestment }),
		mechanism("pride", "§4.3", "winning a contested tender galvanises staff", func(p *Params) *bool { return &p.Mechanisms.Pride }),
		mechanism("failure", "§4.6", "providers in distress for two years fail", func(p *Params) *bool { return &p.Mechanisms.Failure }),
		mechanism("handbacks", "§4.6", "providers that lose their core contract may hand back the rest", func(p *Params) *bool { return &p.Mechanisms.Handbacks }),
		mechanism("acquisitions", "§4.6", "private firms acquire distressed providers and unlocked mutuals", func(p *Params) *bool { return &p.Mechanisms.Acquisitions }),
		mechanism("jv_buyouts", "§4.6", "joint ventures' private partners buy out the staff's stake", func(p *Params) *bool { return &p.Mechanisms.JVBuyouts }),
		mechanism("private_entry", "§4.6", "new private firms enter after profitable tenders", func(p *Params) *bool { return &p.Mechanisms.PrivateEntry }),
	}
}

// leverList is every lever definition, built once and never changed: the
// package reads it where it only reads, so that a load does not rebuild
// every definition again and again.
var leverList = Levers()

// leverTable is the lever definitions indexed by name, built once and never
// changed, so that looking a lever up does not rebuild every definition.
var leverTable = func() map[string]Lever {
	m := map[string]Lever{}
	for _, l := range leverList {
		m[l.Name] = l
	}
	return m
}()

// LeverByName returns the lever with the given dotted name.
func LeverByName(name string) (Lever, bool) {
	l, ok := leverTable[name]
	if ok {
		if s, isSchedule := l.Default.(Schedule); isSchedule {
			l.Default = s.Clone() // the caller may change it
		}
	}
	return l, ok
}

// Defaults returns the parameters with every lever at its default.
func Defaults() *Params {
	p := &Params{}
	for _, l := range leverList {
		if err := l.Set(p, l.Default); err != nil {
			// A default outside its own range is a programming error that
			// TestDefaultsValid catches.
			panic("inputs: default of " + err.Error())
		}
	}
	return p
}

// Validate checks every lever's value in p and the constraints that join
// several levers, returning every problem found, each tagged with the key of
// the lever it concerns.
func (p *Params) Validate() Problems {
	var ps Problems
	for _, l := range leverList {
		if _, err := l.Check(l.Get(p)); err != nil {
			ps = append(ps, Problem{Key: l.Name, Msg: err.Error()})
		}
	}
	pr := p.Procurement
	if s := pr.PriceWeight + pr.QualityWeight + pr.SocialValueWeight; s < 1-1e-9 || s > 1+1e-9 {
		ps = append(ps, Problem{Key: "procurement.price_weight", Msg: weightsError(pr.PriceWeight, pr.QualityWeight, pr.SocialValueWeight).Error(),
			Related: []string{"procurement.quality_weight", "procurement.social_value_weight"}})
	}
	if p.Workforce.MaxAge <= p.Workforce.RetirementAge {
		ps = append(ps, Problem{Key: "workforce.max_age", Msg: maxAgeError(p.Workforce.MaxAge, p.Workforce.RetirementAge).Error(),
			Related: []string{"workforce.retirement_age"}})
	}
	if y, ok := topUpAboveRate(p.Pension.CentralTopUp, p.Pension.EmployerRate); ok {
		ps = append(ps, Problem{Key: "pension.central_topup", Msg: topUpError(y, p.Pension.CentralTopUp.At(y), p.Pension.EmployerRate.At(y)).Error(),
			Related: []string{"pension.employer_rate"}})
	}
	return ps
}

// LeverNames returns the dotted name of every lever.
func LeverNames() []string {
	var names []string
	for _, l := range leverList {
		names = append(names, l.Name)
	}
	return names
}

// SuggestLever returns ", did you mean X?" for the lever nearest to name:
// by the whole dotted name, or else by its key alone in any section
// ("procurement.access" → "pension.access").
func SuggestLever(name string) string {
	if hint := DidYouMean(name, LeverNames()); hint != "" {
		return hint
	}
	_, key, _ := strings.Cut(name, ".")
	return DidYouMean(key, LeverNames())
}
