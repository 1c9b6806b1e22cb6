package agents

// Provider is an organisation that delivers contracts: an NHS in-house
// provider, a mutual, a private firm or a joint venture (MODEL.md §2). Money
// is in £m at constant prices.
type Provider struct {
	ID       int32
	Kind     Kind
	Home     int32 // home region
	National bool  // a private firm that may bid in every region
	Alive    bool
	Born     int // year it started trading in the model
	Ended    int // year it stopped trading, 0 while alive
	EndWhy   string
	SpunOut  bool       // a mutual formed by a spin-out in the model
	Teckal   bool       // a company wholly owned by an NHS body, which its commissioner may award contracts directly
	Lines    ServiceSet // the services it delivers or has delivered, and so bids for
	Parent   int32      // provider it spun out of or was acquired by, -1 if none

	Efficiency     float64 // idiosyncratic cost efficiency, ~lognormal around 1 (higher is costlier)
	Capability     float64 // quality capability, 0-1
	BusinessSkills float64 // 0-1
	Reserves       float64 // £m
	History        int     // years of trading history
	Debt           float64 // start-up loan outstanding, £m
	DebtPayment    float64 // yearly repayment of the start-up loan, £m

	StaffControl   float64 // 0-1
	CommunityShare float64 // community share of governors, 0-1
	AssetLock      bool
	Participation  bool // staff have voice (participation practices)
	BonusCap       float64

	Slack          float64 // accumulated cost drift that benefits staff, share of labour cost
	QualityStock   float64 // stock of quality investment
	Contestability float64 // chance, as the provider sees it, of losing its contracts
	RivalsSeen     float64 // smoothed number of rival bidders in its recent tenders
	DistressYears  int     // consecutive years with reserves below the floor

	// Last year's accounts and signals.
	Revenue       float64
	Cost          float64
	Surplus       float64
	StaffBenefit  float64 // bonus, pay drift, easier working patterns
	SlackCost     float64
	Dividends     float64
	Investment    float64
	Staff         int
	Contracts     int
	LabourCost    float64
	PayBill       float64
	Workload      float64 // staff-years of work its contracts need
	Productivity  float64 // effective labour per head-year worked
	Quality       float64 // workload-weighted delivered quality
	BenefitShare  float64 // staff benefit as a share of its pay bill
	CompetedValue float64 // value of contracts whose next procurement is competitive
	Lost          bool    // lost a contract this year (insecurity next year)
	LostCore      bool    // lost its largest contract this year
}

// EmployeeOwned reports whether staff own the provider.
func (p *Provider) EmployeeOwned() bool {
	return (p.Kind == Mutual || p.Kind == JV) && p.StaffControl > 0
}

// OwnershipFullControl is the staff control at which employee ownership
// has its full effect on productivity; below it the effect falls in
// proportion (an assumption, docs/ODD.md §11).
const OwnershipFullControl = 0.5

// YearsTrading returns how many years a provider that started trading in
// year born has traded by the end of year: born itself counts, so a
// mutual formed in 2011, trading from 2012, has traded 3 years at the end
// of 2014 (the age at which survival is measured, MODEL.md §6).
func YearsTrading(born, year int) int { return year - born + 1 }

// OwnershipBoost returns the productivity gain from employee ownership:
// effect × min(1, 2 × staff control) for owned providers whose staff have a
// voice, and none without participation ("ownership without participation
// gives none" [M: Ham]).
func (p *Provider) OwnershipBoost(effect float64) float64 {
	if !p.EmployeeOwned() || !p.Participation {
		return 0
	}
	return effect * min(1, p.StaffControl/OwnershipFullControl)
}

// CapturePropensity returns how readily the provider's insiders turn
// surplus and cost into benefits for themselves when unchallenged
// (MODEL.md §4.2): staff control net of community voice for mutuals and
// joint ventures, and set levels for NHS and private providers. A joint
// venture's staff hold only part of the control (its partner the rest),
// which its StaffControl already says: the propensity is not cut again.
func (p *Provider) CapturePropensity(nhs, private float64) float64 {
	switch p.Kind {
	case NHS:
		return nhs
	case Private:
		return private
	case Mutual, JV:
		return p.StaffControl * (1 - p.CommunityShare)
	}
	return 0
}

// Social values a commissioner credits to bids by kind (an assumption,
// docs/ODD.md): public-benefit organisations score above investor-owned
// ones, a joint venture between them.
const (
	SocialValuePublic  = 0.6
	SocialValueJV      = 0.45
	SocialValuePrivate = 0.3
)

// SocialValue returns the social value a commissioner credits to the
// provider's bid, 0-1: 0.6 for NHS providers and mutuals, 0.45 for joint
// ventures, 0.3 for private firms, and for a mutual community, a scoring
// choice, times its community share of governors [M: Mills, Rozansky],
// capped at 1.
func (p *Provider) SocialValue(community float64) float64 {
	switch p.Kind {
	case NHS:
		return SocialValuePublic
	case Mutual:
		return min(1, SocialValuePublic+float64(community*p.CommunityShare))
	case JV:
		return SocialValueJV
	}
	return SocialValuePrivate
}
