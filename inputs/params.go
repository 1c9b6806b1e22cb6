package inputs

// PensionAccess says which staff of an independent (mutual, joint-venture or
// private) provider may be members of the NHS Pension Scheme (MODEL.md §4.3).
type PensionAccess string

// The pension access rules a scenario may choose.
const (
	// AccessNone: transferred staff get a "broadly comparable" scheme, not
	// the NHS one (Fair Deal 1999 as applied to the independent sector).
	AccessNone PensionAccess = "none"
	// AccessClosed: transferred staff keep the NHS scheme, new recruits
	// cannot join it, the barrier of [M: Ham, Michie] (New Fair Deal 2013,
	// closed access from April 2014).
	AccessClosed PensionAccess = "closed"
	// AccessOpen: new recruits may join too (open access from April 2014);
	// the employer pays the NHS rate.
	AccessOpen PensionAccess = "open"
)

// Params holds every policy lever and behavioural parameter of the model,
// grouped in the sections a scenario file uses. Each field is defined,
// defaulted and validated by exactly one Lever in Levers.
type Params struct {
	Pension       Pension
	Procurement   Procurement
	Commissioners Commissioners
	Support       Support
	Governance    Governance
	Market        Market
	Workforce     Workforce
	Productivity  Productivity
	Mechanisms    Mechanisms
}

// Pension holds the levers of the NHS Pension Scheme and the barrier.
type Pension struct {
	Access            PensionAccess // for mutuals and joint ventures
	PrivateAccess     PensionAccess // for private firms
	EmployerRate      Schedule      // total employer rate of the NHS scheme
	CentralTopUp      Schedule      // part of EmployerRate funded centrally for NHS bodies
	IndependentTopUp  bool          // independent employers also get CentralTopUp
	DBPremium         float64       // value of the defined-benefit promise above the employer rate
	AlternativeRate   float64       // employer rate of an alternative scheme
	WageCompensation  float64       // share of the pension gap mutuals pay new recruits in wages
	PrivateCompensate float64       // the same for private firms
}

// Procurement holds the tendering rules.
type Procurement struct {
	ContractYears        int
	ReservedShare        float64
	ReservedMaxYears     int
	ReservedCooldown     int
	Teckal               bool
	TeckalCompanies      bool
	Rollover             bool
	PSR                  bool
	PSRQualityFloor      float64
	OpenThreshold        float64 // £m over a renewal
	PriceWeight          float64
	QualityWeight        float64
	SocialValueWeight    float64
	LotServices          int
	Surety               float64
	BidCost              float64
	BidCostFixed         float64 // £m
	TeckalChallenge      float64
	NHSBidders           bool
	CommunitySocialValue float64
	TenderCost           float64
	BudgetHeadroom       float64
	TransitionalYears    int
	EmergencyYears       int
	JVReservedEligible   bool
}

// Commissioners holds the commissioners' attitudes and capacity.
type Commissioners struct {
	RiskAversion        float64
	TransitionRisk      float64
	Awareness           float64
	AwarenessProgramme  float64
	Capacity            int
	PublicParticipation float64
}

// Support holds the right to provide and the help spin-outs get.
type Support struct {
	RightToProvide      bool
	SpinoutRate         float64
	RightToProvideMult  float64
	ArmProposalRate     float64
	ArmSkills           float64
	ManagerRiskAversion float64
	StartupGrant        float64 // £m
	GrantShare          float64
	BusinessSupport     float64
	ProtectedTime       bool
	LoanHistoryYears    int
	GuaranteedContract  float64 // £m
	LoanShare           float64
	SocialInvestment    float64 // £m
	StartupCost         float64 // £m
	StartupCostShare    float64
	BusinessSkills      float64
	LegalRiskMax        float64
	LegalRiskStaff      float64
	JVShare             float64
	TeckalCompanyShare  float64
	Demonstration       float64
	DemonstrationFade   float64
	SuccessYears        int
}

// Governance holds the governance of new mutuals and the capture propensities.
type Governance struct {
	StaffControl   float64
	CommunityShare float64
	AssetLock      bool
	BonusCap       float64
	CaptureMax     float64
	Participation  bool
	NHSCapture     float64
	PrivateCapture float64
	SlackGrowth    float64
	SlackDecay     float64
	SlackMax       float64
	ReserveTarget  float64
}

// Market holds entry, exit, acquisitions and pricing margins.
type Market struct {
	PrivateEntryRate float64
	EntryHurdle      float64
	Acquisitions     bool
	DemutualisationP float64
	DistressAcquireP float64
	DividendShare    float64
	JVInvestorShare  float64
	PrivateMargin    float64
	MutualPrudence   float64
	CostSpread       float64
	EstimateError    float64
	FailureFloor     float64
	OrgOverhead      float64 // £m a year
	ContractOverhead float64
	ScaleEconomies   float64
	HandbackOverhead float64
	EntrantBidRate   float64
	BeliefLearning   float64
	NationalLines    float64
	LocalLines       float64
	ReachValue       float64 // £m a year
	JVBuyoutRate     float64
}

// Workforce holds staff behaviour and the labour market.
type Workforce struct {
	EngagementBase     float64
	VoiceNHS           float64
	VoiceMutual        float64
	VoicePrivate       float64
	VoiceJV            float64
	OwnershipVoice     float64
	Pride              float64
	PrideRivals        float64
	Insecurity         float64
	TransferShock      float64
	Disruption         float64
	BenefitEngagement  float64
	PayEngagement      float64
	EngagementRate     float64
	EngagementNoise    float64
	AbsenceBase        float64
	AbsenceEngagement  float64
	QuitBase           float64
	QuitEngagement     float64
	PayElasticity      float64
	RetirementAge      int
	RetirementRate     float64
	MaxAge             int
	FillRate           float64
	RewardElasticity   float64
	Pool               float64
	WageLevel          float64
	PrivateWage        float64
	UnionDensity       float64
	UnionOpposition    float64
	UnionLitigation    float64
	AgencyCover        float64
	AgencyPremium      float64
	EmployerOnCost     float64
	BallotAutonomy     float64
	BallotPensionNone  float64
	BallotPensionClose float64
}

// Productivity holds the delivery and quality parameters.
type Productivity struct {
	OwnershipEffect    float64
	EngagementEffect   float64
	EfficiencySD       float64
	QualityEngagement  float64
	QualityInvestment  float64
	QualityDepreciate  float64
	QualityStaffing    float64
	InvestmentYield    float64
	CapabilityMean     float64
	PrivateEfficiency  float64
	MutualEfficiency   float64
	SatisfactoryMargin float64
}

// Mechanisms switches each mechanism of MODEL.md §4 on or off, so that its
// effect can be shown by its absence (ablation).
type Mechanisms struct {
	OwnershipEffect        bool
	EngagementProductivity bool
	AgencyCover            bool
	ScaleEconomies         bool
	ProducerCapture        bool
	Contestability         bool
	InvestorExtraction     bool
	AssetLock              bool
	EngagementDynamics     bool
	Absence                bool
	Quits                  bool
	Retirement             bool
	PensionBarrier         bool
	Spinouts               bool
	ArmSpinouts            bool
	ManagerCaution         bool
	FinanceGate            bool
	UnionBacking           bool
	Demonstration          bool
	Awareness              bool
	Tendering              bool
	BidderEntry            bool
	BidShading             bool
	EntryEquilibrium       bool
	LearnedBeliefs         bool
	WinnersCurse           bool
	TeckalChallenge        bool
	MutualPrudence         bool
	RiskScoring            bool
	Sureties               bool
	TUPEShock              bool
	Disruption             bool
	QualityInvestment      bool
	Pride                  bool
	Failure                bool
	Handbacks              bool
	Acquisitions           bool
	PrivateEntry           bool
	JVBuyouts              bool
}

// Clone returns a deep copy of p.
func (p *Params) Clone() *Params {
	c := *p
	c.Pension.EmployerRate = p.Pension.EmployerRate.Clone()
	c.Pension.CentralTopUp = p.Pension.CentralTopUp.Clone()
	return &c
}
