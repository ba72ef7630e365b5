package org.carerelay;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.carerelay.practice.Address;
import org.carerelay.practice.AppointmentType;
import org.carerelay.practice.AppointmentTypeDetails;
import org.carerelay.practice.AppointmentTypes;
import org.carerelay.practice.Location;
import org.carerelay.practice.LocationDetails;
import org.carerelay.practice.Locations;
import org.carerelay.practice.Modality;
import org.carerelay.practice.Provider;
import org.carerelay.practice.ProviderDetails;
import org.carerelay.practice.Providers;
import org.carerelay.scheduling.ProviderSchedules;
import org.carerelay.scheduling.WorkingHours;
import org.carerelay.shared.Actor;
import org.carerelay.shared.Caller;
import org.carerelay.shared.Permissions;
import org.carerelay.shared.PracticeId;
import org.springframework.context.ApplicationContext;

/**
 * A practice's clinic as scheduling tests need it: Riverside Clinic in Chicago (phone (312) 555-0100), Dr. Naomi
 * Fischer working there every afternoon, 13:00-17:00 local, and a 20-minute in-person follow-up with a 10-minute
 * buffer, so that slots start on the hour and the half hour.
 *
 * @param admin a caller with every permission, for the setup and for checks
 */
public record TestClinic(Caller admin, Location clinic, Provider provider, AppointmentType followUp) {

    public static TestClinic open(ApplicationContext context, PracticeId practice) {
        Caller admin = new Caller(practice, Actor.system("test"), "SUPER_ADMIN", Set.copyOf(Permissions.ALL));
        Location clinic = context.getBean(Locations.class).create(admin, new LocationDetails("Riverside Clinic",
                new Address("1 Main St", null, "Chicago", "IL", "60606", "US"), "+13125550100", "America/Chicago",
                List.of()));
        Provider provider = context.getBean(Providers.class).create(admin, new ProviderDetails("Naomi", "Fischer",
                "MD", "1234567893", List.of(clinic.id().value())));
        AppointmentType followUp = context.getBean(AppointmentTypes.class).create(admin, new AppointmentTypeDetails(
                "Follow-up", 20, Modality.IN_PERSON, 10, List.of()));
        context.getBean(ProviderSchedules.class).replaceTemplate(admin, provider.id(),
                Arrays.stream(DayOfWeek.values()).map(day -> new WorkingHours(clinic.id().value(), day,
                        LocalTime.of(13, 0), LocalTime.of(17, 0), null, null)).toList());
        return new TestClinic(admin, clinic, provider, followUp);
    }
}
