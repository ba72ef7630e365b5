package org.carerelay.demo;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.carerelay.messaging.inbound.InboundSms;
import org.carerelay.practice.Address;
import org.carerelay.practice.AppointmentDetails;
import org.carerelay.practice.AppointmentStatus;
import org.carerelay.practice.AppointmentType;
import org.carerelay.practice.AppointmentTypeDetails;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.Appointments;
import org.carerelay.practice.BusinessHours;
import org.carerelay.practice.ClinicalAccess;
import org.carerelay.practice.ConsentPurpose;
import org.carerelay.practice.ConsentSource;
import org.carerelay.practice.ContactSystem;
import org.carerelay.practice.Location;
import org.carerelay.practice.LocationDetails;
import org.carerelay.practice.Locations;
import org.carerelay.practice.MedicationDetails;
import org.carerelay.practice.Medications;
import org.carerelay.practice.Modality;
import org.carerelay.practice.NewContactPoint;
import org.carerelay.practice.Npi;
import org.carerelay.practice.Patient;
import org.carerelay.practice.PatientDetails;
import org.carerelay.practice.Patients;
import org.carerelay.practice.Practice;
import org.carerelay.practice.PracticeDetails;
import org.carerelay.practice.Practices;
import org.carerelay.practice.PreferredChannel;
import org.carerelay.practice.Provider;
import org.carerelay.practice.ProviderDetails;
import org.carerelay.practice.Providers;
import org.carerelay.practice.Sex;
import org.carerelay.scheduling.ProviderSchedules;
import org.carerelay.scheduling.WorkingHours;
import org.carerelay.practice.StaffRole;
import org.carerelay.practice.StaffUser;
import org.carerelay.practice.StaffUserDetails;
import org.carerelay.practice.StaffUsers;
import org.carerelay.settings.Settings;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Permissions;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds the demo practice: two locations in different time zones, four providers, one staff user per role,
 * 200 synthetic patients and about 400 appointments over the past and next 14 days. Everything is synthetic:
 * names from fixed lists, 555-01xx phone numbers, example.test addresses. The random source has a fixed seed,
 * so every fresh database gets the same people.
 */
@Component
class DemoSeeder {

    static final String DOMAIN = "riverside.example.test";
    static final Actor ACTOR = Actor.system("demo-seed");

    private static final List<String> FEMALE = List.of("Olivia", "Emma", "Ava", "Sophia", "Isabella", "Mia",
            "Amelia", "Harper", "Evelyn", "Abigail", "Emily", "Ella", "Camila", "Luna", "Sofia", "Aria", "Grace",
            "Chloe", "Penelope", "Layla", "Valentina", "Lucia", "Ximena", "Mariana", "Daniela", "Ruth", "Joan",
            "Dorothy", "Helen", "Margaret");
    private static final List<String> MALE = List.of("Liam", "Noah", "Oliver", "Elijah", "James", "William",
            "Benjamin", "Lucas", "Henry", "Theodore", "Jack", "Levi", "Alexander", "Mateo", "Daniel", "Michael",
            "Mason", "Sebastian", "Ethan", "Logan", "Santiago", "Diego", "Javier", "Carlos", "Miguel", "Walter",
            "Harold", "Eugene", "Frank", "George");
    private static final List<String> FAMILY = List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia",
            "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
            "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris",
            "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
            "Scott", "Torres", "Nguyen", "Hill", "Flores");
    /** Area codes for the fictional 555-0100..0199 numbers: New York and Chicago. */
    private static final List<String[]> MEDICATIONS = List.of(new String[] {"Lisinopril", "10 mg once daily"},
            new String[] {"Metformin", "500 mg twice daily"}, new String[] {"Atorvastatin", "20 mg at bedtime"},
            new String[] {"Levothyroxine", "50 mcg every morning"}, new String[] {"Amlodipine", "5 mg once daily"},
            new String[] {"Sertraline", "50 mg once daily"});
    private static final List<String> AREA_CODES = List.of("212", "646", "312", "773");
    private static final List<LocalTime> SLOTS = List.of(LocalTime.of(9, 0), LocalTime.of(10, 0),
            LocalTime.of(11, 0), LocalTime.of(13, 30), LocalTime.of(15, 0));

    static final int PATIENTS = 200;
    static final int DAYS_EACH_WAY = 14;

    private final Practices practices;
    private final Locations locations;
    private final Providers providers;
    private final StaffUsers staff;
    private final Patients patients;
    private final AppointmentTypes appointmentTypes;
    private final Appointments appointments;
    private final ClinicalAccess clinicalAccess;
    private final Settings settings;
    private final InboundSms inboundSms;
    private final Clock clock;
    private final ProviderSchedules schedules;
    private final Medications medications;

    DemoSeeder(Practices practices, Locations locations, Providers providers, StaffUsers staff, Patients patients,
            AppointmentTypes appointmentTypes, Appointments appointments, ClinicalAccess clinicalAccess,
            Settings settings, InboundSms inboundSms, Clock clock, ProviderSchedules schedules,
            Medications medications) {
        this.medications = medications;
        this.schedules = schedules;
        this.settings = settings;
        this.inboundSms = inboundSms;
        this.practices = practices;
        this.locations = locations;
        this.providers = providers;
        this.staff = staff;
        this.patients = patients;
        this.appointmentTypes = appointmentTypes;
        this.appointments = appointments;
        this.clinicalAccess = clinicalAccess;
        this.clock = clock;
    }

    @Transactional
    public Practice seed() {
        Random random = new Random(20261121);
        Practice practice = practices.register(new PracticeDetails("Riverside Family Medicine",
                "Riverside Family Medicine", new Address("100 Riverside Drive", "Suite 200", "New York", "NY", "10024",
                        "US"), "en"), ACTOR);
        Caller seeder = new Caller(practice.id(), ACTOR, StaffRole.SUPER_ADMIN.name(), Set.of());

        List<BusinessHours> weekdays = new ArrayList<>();
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            weekdays.add(new BusinessHours(day, LocalTime.of(8, 0), LocalTime.of(17, 0)));
        }
        Location manhattan = locations.create(seeder, new LocationDetails("Riverside Upper West Side",
                new Address("100 Riverside Drive", "Suite 200", "New York", "NY", "10024", "US"), "+12125550100",
                "America/New_York", weekdays));
        Location chicago = locations.create(seeder, new LocationDetails("Riverside Chicago Loop",
                new Address("20 N Wacker Drive", "Floor 3", "Chicago", "IL", "60606", "US"), "+13125550100",
                "America/Chicago", weekdays));

        List<Provider> team = List.of(
                provider(seeder, "Naomi", "Fischer", "MD", "104729301", manhattan),
                provider(seeder, "Rafael", "Ortega", "DO", "104729302", manhattan),
                provider(seeder, "Priya", "Raman", "MD", "104729303", chicago),
                provider(seeder, "Thomas", "Becker", "NP", "104729304", manhattan, chicago));
        for (Provider provider : team) {
            schedules.replaceTemplate(seeder, provider.id(), week(provider, manhattan, chicago));
        }

        for (StaffRole role : StaffRole.values()) {
            String local = role.name().toLowerCase().replace("_", "");
            StaffUser member = staff.create(practice.id(), ACTOR, new StaffUserDetails(staffGiven(role), "Demo",
                    local + "@" + DOMAIN, role, true));
            if (role == StaffRole.DOCTOR) {
                // The demo doctor is Dr. Fischer in the schedule: their panel is Dr. Fischer's patients.
                clinicalAccess.set(seeder, member.id().value(), new ClinicalAccess.Setting(team.get(0).id().value(),
                        ClinicalAccess.Scope.PANEL));
            }
        }

        List<AppointmentType> inPerson = List.of(
                type(seeder, "New patient visit", 40, Modality.IN_PERSON),
                type(seeder, "Follow-up visit", 20, Modality.IN_PERSON),
                type(seeder, "Annual physical", 30, Modality.IN_PERSON));
        List<AppointmentType> video = List.of(
                type(seeder, "Video follow-up", 20, Modality.VIDEO),
                type(seeder, "Telehealth consult", 30, Modality.VIDEO));

        List<Patient> registered = new ArrayList<>();
        for (int i = 0; i < PATIENTS; i++) {
            registered.add(patient(practice, random, i, i % 2 == 0 ? manhattan : chicago, registered));
        }
        appointments(practice, random, team, manhattan, chicago, inPerson, video, registered);
        medications(seeder, random, team, registered);
        inbox(practice, manhattan, registered);
        return practice;
    }

    /**
     * A morning's texts in the inbox: a reschedule, a refill, a billing question, an urgent one (which pages the
     * demo on-call number through the dev outbox) and one from a number no patient has. They travel the real path,
     * stamped through the morning of the latest business day ({@link MorningTexts}), when the office was open.
     */
    private void inbox(Practice practice, Location location, List<Patient> registered) {
        settings.set(new Caller(practice.id(), ACTOR, StaffRole.SUPER_ADMIN.name(), Set.of()), "inbox.on-call-phone",
                "+12125550199");
        List<String> texts = List.of("Hi, can I move my Thursday appointment to Friday morning?",
                "I'm almost out of my blood pressure pills, can you send a refill to my pharmacy?",
                "Why was I charged twice for my last visit?",
                "I've had chest pain since this morning and it's getting worse");
        List<Instant> arrivals = MorningTexts.arrivals(clock.instant(), ZoneId.of(location.timeZone()),
                location.businessHours().stream().map(BusinessHours::day).collect(java.util.stream.Collectors.toSet()));
        for (int i = 0; i < texts.size(); i++) {
            String phone = registered.get(i * 7).contactPoints().stream()
                    .filter(contact -> contact.system() == ContactSystem.PHONE).findFirst().orElseThrow().value();
            inboundSms.receive(practice.id(), phone, location.phone(), texts.get(i), "demo", "demo-text-" + i,
                    arrivals.get(i));
        }
        inboundSms.receive(practice.id(), "+16465550187", location.phone(),
                "Hi this is Maria Santos, I'm a new patient. Do you take Aetna?", "demo", "demo-text-unknown",
                arrivals.get(texts.size()));
    }

    /**
     * Weekdays 9:00-12:00 and 13:00-17:00 at the provider's location; one who works at both is in Manhattan on
     * Monday, Wednesday and Friday and in Chicago on Tuesday and Thursday.
     */
    private static List<WorkingHours> week(Provider provider, Location manhattan, Location chicago) {
        List<WorkingHours> week = new ArrayList<>();
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            UUID location = provider.locationIds().size() == 1 ? provider.locationIds().get(0).value()
                    : day.getValue() % 2 == 1 ? manhattan.id().value() : chicago.id().value();
            week.add(new WorkingHours(location, day, LocalTime.of(9, 0), LocalTime.of(12, 0), null, null));
            week.add(new WorkingHours(location, day, LocalTime.of(13, 0), LocalTime.of(17, 0), null, null));
        }
        return week;
    }

    private Provider provider(Caller seeder, String given, String family, String credentials, String npiBase,
            Location... at) {
        return providers.create(seeder, new ProviderDetails(given, family, credentials, Npi.withCheckDigit(npiBase),
                java.util.Arrays.stream(at).map(l -> l.id().value()).toList()));
    }

    private AppointmentType type(Caller seeder, String name, int minutes, Modality modality) {
        return appointmentTypes.create(seeder, new AppointmentTypeDetails(name, minutes, modality));
    }

    private static String staffGiven(StaffRole role) {
        return switch (role) {
            case SUPER_ADMIN -> "Sam";
            case CLINIC_ADMIN -> "Maria";
            case DOCTOR -> "Grace";
            case CLINICAL_STAFF -> "Nadia";
            case FRONT_DESK -> "Fran";
            case BILLING -> "Bill";
            case READ_ONLY -> "Rita";
        };
    }

    private Patient patient(Practice practice, Random random, int index, Location usual, List<Patient> earlier) {
        boolean female = random.nextBoolean();
        String given = (female ? FEMALE : MALE).get(random.nextInt(FEMALE.size()));
        String family = FAMILY.get(random.nextInt(FAMILY.size()));
        // About 12 % prefer Spanish: 3 in every 25.
        String language = index % 25 < 3 ? "es" : "en";
        LocalDate birth = LocalDate.of(1940 + random.nextInt(80), 1 + random.nextInt(12), 1 + random.nextInt(28));
        String phone;
        if (index % 40 == 39) {
            // A family phone: this patient shares the number of the patient registered just before.
            family = earlier.get(index - 1).familyName();
            phone = earlier.get(index - 1).contactPoints().stream()
                    .filter(c -> c.system() == ContactSystem.PHONE).findFirst().orElseThrow().value();
        } else {
            phone = "+1" + AREA_CODES.get(index / 100 + (usual.timeZone().equals("America/Chicago") ? 2 : 0))
                    + "55501" + String.format("%02d", index % 100);
        }
        Map<ConsentPurpose, Boolean> smsConsents = new EnumMap<>(ConsentPurpose.class);
        smsConsents.put(ConsentPurpose.TRANSACTIONAL_SMS, random.nextInt(10) < 9);
        smsConsents.put(ConsentPurpose.MARKETING_SMS, random.nextInt(10) < 3);
        Map<ConsentPurpose, Boolean> emailConsents = new EnumMap<>(ConsentPurpose.class);
        emailConsents.put(ConsentPurpose.EMAIL, true);
        emailConsents.put(ConsentPurpose.MARKETING_EMAIL, random.nextInt(10) < 5);
        emailConsents.put(ConsentPurpose.PHI_OVER_CHANNEL, random.nextInt(10) < 4);
        List<NewContactPoint> contacts = List.of(
                new NewContactPoint(ContactSystem.PHONE, phone, true, smsConsents, ConsentSource.WRITTEN_FORM),
                new NewContactPoint(ContactSystem.EMAIL,
                        given.toLowerCase() + "." + family.toLowerCase() + index + "@example.test", index % 3 != 0,
                        emailConsents, ConsentSource.WRITTEN_FORM));
        PreferredChannel channel = switch (random.nextInt(10)) {
            case 0, 1, 2 -> PreferredChannel.EMAIL;
            case 3 -> PreferredChannel.PORTAL;
            default -> PreferredChannel.SMS;
        };
        return patients.register(practice.id(), ACTOR, new PatientDetails(given, family, birth,
                String.format("RFM-%06d", index + 1), female ? Sex.FEMALE : Sex.MALE, language, channel, null,
                usual.id().value(), null, contacts));
    }

    private void appointments(Practice practice, Random random, List<Provider> team, Location manhattan,
            Location chicago, List<AppointmentType> inPerson, List<AppointmentType> video, List<Patient> registered) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(manhattan.timeZone())));
        for (int offset = -DAYS_EACH_WAY; offset < DAYS_EACH_WAY; offset++) {
            LocalDate day = today.plusDays(offset);
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            for (Provider provider : team) {
                boolean telehealth = provider.locationIds().size() > 1;
                Location location = provider.locationIds().get(0).equals(chicago.id()) && !telehealth
                        ? chicago : (telehealth && offset % 2 != 0 ? chicago : manhattan);
                List<Patient> local = registered.stream()
                        .filter(p -> location.id().equals(p.usualLocationId())).toList();
                for (LocalTime time : SLOTS) {
                    ZonedDateTime start = ZonedDateTime.of(day, time, ZoneId.of(location.timeZone()));
                    List<AppointmentType> types = telehealth ? video : inPerson;
                    AppointmentType type = types.get(random.nextInt(types.size()));
                    Patient patient = local.get(random.nextInt(local.size()));
                    appointments.book(practice.id(), ACTOR, new AppointmentDetails(patient.id().value(),
                            provider.id().value(), location.id().value(), type.id().value(),
                            start.toOffsetDateTime(), null, status(random, start.toInstant().isBefore(clock.instant()))));
                }
            }
        }
    }

    /** Current medications for a third of the patients, prescribed by one of the team: what refills pick from. */
    private void medications(Caller seeder, Random random, List<Provider> team, List<Patient> registered) {
        // Recording medications is clinical work: the seeder acts with clinical access for it.
        Caller clinical = new Caller(seeder.practice(), seeder.actor(), seeder.role(),
                Set.of(Permissions.CLINICAL_VIEW));
        for (int i = 0; i < registered.size(); i += 3) {
            for (int n = 0; n <= random.nextInt(2); n++) {
                String[] medication = MEDICATIONS.get(random.nextInt(MEDICATIONS.size()));
                medications.add(clinical, registered.get(i).id(), new MedicationDetails(medication[0], medication[1],
                        team.get(random.nextInt(team.size())).id().value()));
            }
        }
    }

    private static AppointmentStatus status(Random random, boolean past) {
        int roll = random.nextInt(100);
        if (past) {
            return roll < 85 ? AppointmentStatus.COMPLETED : roll < 93 ? AppointmentStatus.NO_SHOW
                    : AppointmentStatus.CANCELLED;
        }
        return roll < 40 ? AppointmentStatus.CONFIRMED : roll < 95 ? AppointmentStatus.BOOKED
                : AppointmentStatus.CANCELLED;
    }

}
